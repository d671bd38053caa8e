"""Recognise audio by its content, not its file name (Amazon exports name things oddly)."""

from __future__ import annotations

# How many leading bytes `sniff_audio` needs to decide.
SNIFF_BYTES = 64


def sniff_audio(head: bytes) -> str | None:
    """Return the file extension for the audio container in `head`, or None if not audio.

    Looks only at the container signature: WAV (RIFF/RF64 + WAVE), FLAC, Ogg (Opus, Vorbis),
    MP3 (ID3 tag or an MPEG audio frame sync), MP4/M4A (`ftyp` box), WebM/Matroska (EBML).
    """
    if len(head) < 4:
        return None
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return ".wav"
    if head[:4] == b"fLaC":
        return ".flac"
    if head[:4] == b"OggS":
        return ".ogg"
    if head[:3] == b"ID3":
        return ".mp3"
    if head[4:8] == b"ftyp" and head[8:12] in _AUDIO_MP4_BRANDS:
        return ".m4a"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return ".webm"
    if _is_mpeg_audio_frame(head):
        return ".mp3"
    return None


_AUDIO_MP4_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"isom", b"iso2", b"mp41", b"dash", b"3gp4",
                     b"3gp5", b"3g2a", b"qt  "}


def _is_mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG-1/2/2.5 Layer III frame header at offset 0 with sane bitrate and rate fields."""
    if head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return False
    version = (head[1] >> 3) & 0x03
    layer = (head[1] >> 1) & 0x03
    bitrate_index = (head[2] >> 4) & 0x0F
    rate_index = (head[2] >> 2) & 0x03
    return version != 0x01 and layer == 0x01 and bitrate_index not in (0, 15) and rate_index != 3
