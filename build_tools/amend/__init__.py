"""改め文: the amending text — operations, their applier, the generator, and `policy amend`."""
