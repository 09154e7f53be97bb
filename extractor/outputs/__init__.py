"""Writers of the analyst outputs: the Excel workbook and the HTML overview."""
