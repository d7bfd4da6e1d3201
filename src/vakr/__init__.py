"""Domain logic of the ВАКР disclosure site: load, validate, derive and render the data.
It does not import MkDocs; hooks/vakr_hooks.py adapts it to the generator."""
