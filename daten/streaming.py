"""Large downloads, streamed and kept in the cache under the directory's version.

A download is a sequence of text pieces (a header, then one piece per few hundred
profiles, then a footer). The first request under a version renders them from the
database, streams each piece as soon as it is ready and stores it; once the last piece is
stored a marker says the download is complete, and later requests stream the stored
pieces without touching the database. A change to any profile bumps the version
(verzeichnis.cache), so a download never outlives the data it was made from. Should the
cache have dropped a piece in the meantime, the rest is rendered afresh.
"""

from django.core.cache import cache
from django.http import StreamingHttpResponse

# Rows per database read and per stored piece: a few hundred kilobytes at most.
CHUNK_ROWS = 500
DOWNLOAD_CACHE_SECONDS = 60 * 60


def chunked(iterable, size=CHUNK_ROWS):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def cached_pieces(key: str, render):
    """The pieces of the download `key` (which must carry the data's version): stored
    ones if the download is complete in the cache, else `render()`'s, stored on the way."""
    count = cache.get(f"{key}:pieces")
    if count is not None:
        for index in range(count):
            piece = cache.get(f"{key}:{index}")
            if piece is None:
                # Evicted: render again and skip what was sent already.
                yield from _skip(render(), index)
                return
            yield piece
        return
    index = 0
    for piece in render():
        cache.set(f"{key}:{index}", piece, DOWNLOAD_CACHE_SECONDS)
        index += 1
        yield piece
    cache.set(f"{key}:pieces", index, DOWNLOAD_CACHE_SECONDS)


def _skip(pieces, count):
    for index, piece in enumerate(pieces):
        if index >= count:
            yield piece


def download(pieces, *, filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(pieces, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
