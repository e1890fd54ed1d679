"""The PySide6 GUI. It calls services; it never opens a database session itself."""
