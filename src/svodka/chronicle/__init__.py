"""What spans documents: the store, cross-document linking, exports."""
