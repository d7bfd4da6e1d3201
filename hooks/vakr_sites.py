"""Build several organizations' sites in one process (`vakr sites`): MkDocs' own build, run
once per organization, so the hook loads and checks data/ and reads git once for all of them
(hooks/vakr_hooks.py keeps it between builds). Part of the MkDocs adapter, like the hook.

    python hooks/vakr_sites.py mkdocs.yml ORG=STAGING_DIR [ORG=STAGING_DIR ...]

SITE_URL may hold `{org}`, replaced by each organization's id."""

from __future__ import annotations

import os
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

from vakr.derive.orgscope import ORG_ENV


def build_one(config_file: str, org: str, site_dir: str, site_url: str | None) -> None:
    os.environ[ORG_ENV] = org
    if site_url is not None:
        os.environ["SITE_URL"] = site_url.replace("{org}", org)
    config = load_config(config_file=config_file, site_dir=site_dir, strict=True)  # reads !ENV now
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main(argv: list[str]) -> int:
    config_file, *targets = argv
    site_url = os.environ.get("SITE_URL")
    for target in targets:
        org, _, site_dir = target.partition("=")
        try:
            build_one(config_file, org, site_dir, site_url)
        except Exception as err:  # noqa: BLE001 — MkDocs' Abort and PluginError carry the message
            print(f"Сайт {org} не собран: {err}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
