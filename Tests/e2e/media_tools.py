"""Generates test media with the vips, ffmpeg and exiftool command-line tools."""
import os
import subprocess


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def jpeg(path, width=1600, height=1200, seed=1):
    """A camera-like JPEG: a busy test pattern with film-grain noise (a 12 MP one is ~6 MB)."""
    run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi",
        "-i", f"testsrc2=size={width}x{height},noise=alls=25:allf=t:all_seed={seed}",
        "-frames:v", "1", "-q:v", "3", path)
    return path


def mp4(path, seconds=2):
    run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi",
        "-i", f"testsrc=duration={seconds}:size=320x240:rate=25", path)
    return path


def exif(path, *assignments):
    run("exiftool", "-q", "-overwrite_original", *assignments, path)


def exif_tags(path, *names):
    return subprocess.run(["exiftool", "-s", "-s", "-s", *names, path], capture_output=True, text=True).stdout.strip()


def jpeg_picture(data):
    """The compressed picture of a JPEG: its bytes from the first SOS marker to EOI, found by
    walking the segments (an EXIF block may hold the bytes FF DA itself)."""
    position = 2
    while position < len(data):
        assert data[position] == 0xFF, "marker expected"
        marker = data[position + 1]
        if marker == 0xDA:
            return data[position:data.rindex(b"\xff\xd9") + 2]
        length = int.from_bytes(data[position + 2:position + 4], "big")
        position += 2 + length
    raise AssertionError("no SOS")


def pixels(path):
    """The decoded pixels of an image file (libvips, no autorotation)."""
    raw = path + ".raw"
    run("vips", "rawsave", path, raw)
    with open(raw, "rb") as f:
        return f.read()
