"""A PEP 517 build backend in the standard library only, for this pure-Python package.

Why not setuptools: setuptools before 70.1 builds wheels only with the separate ``wheel`` package (without it,
``pip wheel --no-build-isolation`` fails with "invalid command 'bdist_wheel'"), and with build isolation pip must
download setuptools first. This backend needs nothing, so ``pip wheel --no-deps [--no-build-isolation]`` builds
offline on any Python >= 3.9. It reads the ``[project]`` table of ``pyproject.toml`` and packs ``src/``.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from typing import Any, Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")
WHEEL_TAG = "py3-none-any"


def _project() -> Dict[str, Any]:
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        raw = f.read()
    try:
        import tomllib  # Python 3.11+

        return dict(tomllib.loads(raw.decode("utf-8"))["project"])
    except ImportError:
        return _project_without_tomllib(raw.decode("utf-8"))


def _project_without_tomllib(text: str) -> Dict[str, Any]:
    """The plain ``key = "value"`` lines of ``[project]`` (all this backend reads)."""
    project: Dict[str, Any] = {}
    section = None
    for line in text.splitlines():
        header = re.match(r"^\s*\[([^\]]+)\]\s*$", line)
        if header:
            section = header.group(1).strip()
            continue
        entry = re.match(r'^\s*([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"\s*$', line)
        if section == "project" and entry:
            project[entry.group(1)] = entry.group(2)
    return project


def _names() -> Tuple[str, str, str]:
    project = _project()
    name, version = project["name"], project["version"]
    return name, version, re.sub(r"[-_.]+", "_", name).lower()


def _metadata() -> str:
    project = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project.get('description', '')}",
    ]
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    for classifier in project.get("classifiers", []) if isinstance(project.get("classifiers"), list) else []:
        lines.append(f"Classifier: {classifier}")
    readme = os.path.join(ROOT, "README.md")
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            return "\n".join(lines) + "\n\n" + f.read()
    return "\n".join(lines) + "\n"


def _package_files() -> List[Tuple[str, str]]:
    """(path on disk, path in the wheel) of every file under src/, caches left out."""
    files = []
    for folder, dirs, names in os.walk(SRC):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.endswith(".egg-info"))
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            files.append((path, os.path.relpath(path, SRC).replace(os.sep, "/")))
    return files


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{path},sha256={digest},{len(data)}"


def _dist_info(dist: str, version: str) -> Dict[str, bytes]:
    wheel = f"Wheel-Version: 1.0\nGenerator: paitient-build-backend\nRoot-Is-Purelib: true\nTag: {WHEEL_TAG}\n"
    return {
        f"{dist}-{version}.dist-info/METADATA": _metadata().encode("utf-8"),
        f"{dist}-{version}.dist-info/WHEEL": wheel.encode("utf-8"),
    }


def _zip_info(arcname: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: Optional[Dict[str, Any]] = None
) -> str:
    _, version, dist = _names()
    for path, data in _dist_info(dist, version).items():
        target = os.path.join(metadata_directory, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
    return f"{dist}-{version}.dist-info"


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Dict[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    _, version, dist = _names()
    filename = f"{dist}-{version}-{WHEEL_TAG}.whl"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        entries = [(arcname, open(path, "rb").read()) for path, arcname in _package_files()]
        entries += list(_dist_info(dist, version).items())
        for arcname, data in entries:
            wheel.writestr(_zip_info(arcname), data)
            records.append(_record_line(arcname, data))
        record = f"{dist}-{version}.dist-info/RECORD"
        records.append(f"{record},,")
        wheel.writestr(_zip_info(record), "\n".join(records) + "\n")
    return filename


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    _, version, dist = _names()
    base = f"{dist}-{version}"
    filename = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as sdist:
        for name in ("pyproject.toml", "README.md", "_build/backend.py"):
            sdist.add(os.path.join(ROOT, name), f"{base}/{name}")
        for path, arcname in _package_files():
            sdist.add(path, f"{base}/src/{arcname}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode("utf-8")
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
    return filename
