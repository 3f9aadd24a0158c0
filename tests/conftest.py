"""pytest's hooks for this suite; the helpers the tests share are in tests/helpers."""
