"""Step 2: what the site works out from the validated data, as plain values: execution
status, the timeline, the cartogram, the publications, coverage and consistency."""
