"""Run Debian's nginx with the shipped deploy/nginx/ configuration on 127.0.0.1, as a plain
process with its own temporary prefix (no /etc, no service), serving a built site under the
sub-path the web team uses."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[1] / "deploy" / "nginx"
LOCATION = DEPLOY / "anticorruption.conf"
HEADERS = DEPLOY / "security-headers.conf"
EMBED_HEADERS = DEPLOY / "embed-headers.conf"
SHIPPED_EMBED_INCLUDE = "include /etc/nginx/snippets/vakr-embed-headers.conf;"
SHIPPED_ALIAS = "alias /var/www/anticorruption/;"
SHIPPED_INCLUDE = "include /etc/nginx/snippets/vakr-security-headers.conf;"
SUB_PATH = "/anticorruption/"
README_COPY = "cp -a site/. /var/www/anticorruption/"  # README, «Publishing on the corporate website»


def nginx_path() -> str:
    path = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        raise RuntimeError("nginx not found: install Debian's `nginx` (make test does it as root)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def location_block(site: Path, embed_headers: Path = EMBED_HEADERS) -> str:
    """The shipped location block with only the site folder and the headers files replaced
    (`embed_headers`: the embeds' headers with the web team's list of hosts)."""
    text = LOCATION.read_text(encoding="utf-8")
    assert SHIPPED_ALIAS in text and SHIPPED_INCLUDE in text and SHIPPED_EMBED_INCLUDE in text, \
        "deploy/nginx/anticorruption.conf changed: update tests/nginx.py"
    return (text.replace(SHIPPED_ALIAS, f"alias {site}/;")
            .replace(SHIPPED_INCLUDE, f"include {HEADERS};")
            .replace(SHIPPED_EMBED_INCLUDE, f"include {embed_headers};"))


def copy_as_readme_says(site: Path, www: Path) -> Path:
    """`site` copied into `www` (standing for /var/www) with README's command, run as it is
    written there but for the two folders."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert README_COPY in readme, "README's copy command changed: update tests/nginx.py"
    target = www / "anticorruption"
    target.mkdir()
    command = README_COPY.replace("site/.", f"{site}/.").replace("/var/www/anticorruption/", f"{target}/")
    subprocess.run(command, shell=True, check=True)
    return target


@contextmanager
def nginx(site: Path, port: int, embed_headers: Path = EMBED_HEADERS) -> Iterator[str]:
    """`site` served at http://127.0.0.1:<port>/anticorruption/ until the block ends."""
    prefix = Path(tempfile.mkdtemp(prefix="vakr-nginx-"))
    # nginx's workers drop root to `nobody` when started as root: the site must be readable by
    # them as it was copied, nothing here changes its modes
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    temp = " ".join(f"{name}_temp_path {prefix}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = prefix / "nginx.conf"
    conf.write_text(f"""
{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    {temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        {location_block(site, embed_headers)}
    }}
}}
""", encoding="utf-8")
    command = [nginx_path(), "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, prefix)
        yield f"http://127.0.0.1:{port}{SUB_PATH}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen[bytes], prefix: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (prefix / "error.log").read_text(errors="replace") if (prefix / "error.log").exists() else ""
            raise RuntimeError(f"nginx exited with {process.returncode}: {process.stdout.read().decode() if process.stdout else ''}{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on 127.0.0.1:{port}")
