"""Step 1: read a data tree (a folder today), validate it against the model with file/line
errors, check what one file says against another, leave drafts out."""
