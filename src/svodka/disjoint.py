"""Disjoint sets (union-find) over integer indices: grouping mentions into entities within a
document (:mod:`svodka.stages.entities`) and merging the entities of a document's pieces
(:mod:`svodka.pieces`) both need it."""

from __future__ import annotations


class DisjointSets:
    """Union-find with path halving; the smaller index of two joined sets becomes the root, so a
    set is named by its first member."""

    def __init__(self, size: int = 0) -> None:
        self.parent = list(range(size))

    def add(self) -> int:
        """A new one-member set; its index."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, ri: int, rj: int) -> int:
        """Join the sets whose roots are ``ri`` and ``rj``; the new root."""
        root, child = min(ri, rj), max(ri, rj)
        self.parent[child] = root
        return root
