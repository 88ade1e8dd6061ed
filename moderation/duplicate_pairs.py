"""The possible duplicates of membership requests, as far as a staff member may see them
(mitglieder.duplicates.pairs_for)."""

from mitglieder.duplicates import Candidate, find_duplicates, pairs_for, visible_ids
from mitglieder.models import MembershipRequest


def attach_duplicates(requests, user):
    """Give every request of `requests` `duplicate_pairs` and `hidden_duplicates`, in a
    fixed number of queries for the batch plus one name query per request."""
    requests = list(requests)
    found = find_duplicates(
        [Candidate(name=r.name, email=r.email) for r in requests],
        requests=MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING),
    )
    # A request resembles itself; the profile it created is no duplicate either.
    found = [
        [
            m
            for m in matches
            if not (m.kind == "request" and m.pk == r.pk)
            and not (m.kind == "profile" and m.pk == r.profile_id)
        ]
        for r, matches in zip(requests, found, strict=True)
    ]
    visible_profiles, visible_requests = visible_ids(user, [m for ms in found for m in ms])
    for membership, matches in zip(requests, found, strict=True):
        membership.duplicate_pairs, membership.hidden_duplicates = pairs_for(
            matches, visible_profiles, visible_requests
        )
    return requests
