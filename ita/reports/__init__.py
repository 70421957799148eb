"""The analysis report (and progress reports) rendered from a plain context: PDF, DOCX, HTML
and Markdown in Thai.

>>> path = render_report(context, "pdf", out_dir)       # doctest: +SKIP
"""
