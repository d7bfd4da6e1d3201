"""Import the compliance service's Word tables (the tab-separated text export or the .docx)
into the cycle's data files: read, place every cell, report what was joined, merge with what
officers added by hand. Plain Python: no MkDocs here."""
