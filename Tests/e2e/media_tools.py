"""Generates test media with the vips, ffmpeg and exiftool command-line tools."""
import os
import subprocess


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def jpeg(path, width=1600, height=1200, seed=1):
    run("vips", "gaussnoise", path + ".v", str(width), str(height), "--seed", str(seed))
    run("vips", "bandjoin_const", path + ".v", path + ".c.v", "100 50")
    run("vips", "copy", path + ".c.v", path + "[Q=85]")
    os.remove(path + ".v")
    os.remove(path + ".c.v")
    return path


def mp4(path, seconds=2):
    run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi",
        "-i", f"testsrc=duration={seconds}:size=320x240:rate=25", path)
    return path


def exif(path, *assignments):
    run("exiftool", "-q", "-overwrite_original", *assignments, path)


def exif_tags(path, *names):
    return subprocess.run(["exiftool", "-s", "-s", "-s", *names, path], capture_output=True, text=True).stdout.strip()
