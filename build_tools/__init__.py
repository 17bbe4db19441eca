"""Publishing pipeline for Japanese municipal policy documents (公民連携推進のための基本的な考え方)."""
