"""Public comment (パブリックコメント): the records of a consultation, their
import from staff's files, the personal-data guard, the check against the
revision's text, and the published result (HTML, DOCX, PDF, CSV).

    model      the records: opinions, category set, consultation
    importer   .xlsx / CSV (UTF-8, UTF-8 with BOM, CP932) → opinions.csv
    privacy    personal data: never imported columns, detection in text
    check      `policy comments ID --check`
    document   the result as a doctree
    records    reading and writing the records (consultation.toml, opinions.csv)
    publish    write_site_comments(project, rev, dest_dir, formats)
    cli        `policy comments …`
    bench      the table for N generated opinions
"""
