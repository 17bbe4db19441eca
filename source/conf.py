# Sphinx configuration of the policy text. It holds only what belongs to the
# text itself; the publication pipeline (build_tools) adds its theme, writers
# and revision metadata when it builds an edition, so plain `sphinx-build
# source out` also works for a quick preview.
project = "公民連携推進のための基本的な考え方"
author = "茅ヶ崎市"
language = "ja"
root_doc = "index"
exclude_patterns = ["_build"]
