"""One key for an e-mail address however it is typed, for counting logins and resets."""

import unicodedata


def address_key(address: str) -> str:
    """One key for every spelling of an address that finds the same account.

    The login compares with `iexact` (ASCII case on SQLite, UPPER() on PostgreSQL), the
    password reset also NFKC-casefolded. Upper-casing before casefolding merges what
    UPPER() merges (dotless and dotted i), NFKC and casefold what the reset merges. That a
    few more spellings share a key only makes a limit hold for them too.
    """
    return unicodedata.normalize("NFKC", address.strip()).upper().casefold()
