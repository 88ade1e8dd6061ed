"""How long multi-line text may be, in characters: one table for every app and the README.

Generous, so that no real author reaches them (the longest demo texts use a fraction), and
finite, so that one saved text cannot make every visit of a page expensive. One-line fields
carry their limit as the model field's max_length.
"""

PROFILE_DESCRIPTION = 5_000
MEMBERSHIP_MESSAGE = 2_000
SUCCESS_REPORT_DESCRIPTION = 600
NEWS_TEASER = 400
NEWS_BODY = 20_000
EVENT_DESCRIPTION = 10_000
ASSOCIATION_DESCRIPTION = 10_000
ASSOCIATION_PORTRAIT = 600
ASSOCIATION_FEES = 3_000
SUBMARKET_DESCRIPTION = 5_000
# Impressum and Datenschutz: a full privacy statement runs to some 30 000 characters.
PAGE_BODY = 60_000
# A staff member's reason for a decision, mailed to the member.
DECISION_REASON = 2_000
# What a visitor asks before a consultation, and what they say afterwards.
BOOKING_QUESTION = 1_000
# A registrant's answer to a question staff ask for an event, and a comment on it afterwards.
REGISTRATION_ANSWER = 1_000
FEEDBACK_COMMENT = 2_000
