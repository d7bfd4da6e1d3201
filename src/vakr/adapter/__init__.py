"""The generator's adapter, the only code that knows MkDocs, Material and mkdocs-static-i18n:
hooks/vakr_hooks.py (MkDocs' entry point, mkdocs.yml names it) and the page stubs here.
A move to another generator replaces this folder and hooks/, nothing else."""
