"""Video embeds from allowlisted providers only.

The player URL is built from the video id, so the server never fetches a
URL an editor typed (no oEmbed round trip, no server-side request forgery).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{6,12}$")


@dataclass(frozen=True)
class Video:
    provider: str
    video_id: str

    @property
    def player_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"


def parse_video_url(url: str) -> Video | None:
    """The video a YouTube or Vimeo URL points to, or None if it is not one we allow."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    allowed = settings.MACHIKADO_VIDEO_PROVIDERS
    video = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        segments = [s for s in parts.path.split("/") if s]
        if parts.path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live"}:
            candidate = segments[1]
        else:
            candidate = ""
        if _YOUTUBE_ID.match(candidate):
            video = Video("youtube", candidate)
    elif host == "youtu.be":
        candidate = parts.path.strip("/")
        if _YOUTUBE_ID.match(candidate):
            video = Video("youtube", candidate)
    elif host in {"vimeo.com", "player.vimeo.com"}:
        candidate = parts.path.strip("/").removeprefix("video/")
        if _VIMEO_ID.match(candidate):
            video = Video("vimeo", candidate)
    if video and video.provider in allowed:
        return video
    return None
