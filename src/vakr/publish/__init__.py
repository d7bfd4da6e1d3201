"""Step 3: the published form: one router giving every page and file its address, the HTML
of the pages (templates, UI strings), the feeds, the open data and the search index, the
site folder exchanged in one step. Knows no MkDocs (hooks/ is the adapter)."""
