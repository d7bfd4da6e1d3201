"""The Kazakh edition's round trip: every text without Kazakh goes out to the Company's
translator as XLIFF 1.2 or a spreadsheet, and the translated file comes back into the `kk`
fields of data/ only after checks that a stale, wrong-language or broken target cannot pass."""
