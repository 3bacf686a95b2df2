"""Date and number formats per language (FORMAT_MODULE_PATH): each language as its readers write it."""
