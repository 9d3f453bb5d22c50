# Full-text extraction (src/story/extract*.c), owned with issue 10.
