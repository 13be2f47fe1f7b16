"""The audit chains' heads, signed by the node's key and kept OUTSIDE the store.

Someone who can edit the store file can cut a chain's tail and fix its head row, re-hash a
chain after editing an entry, empty the log, or append an entry and advance the head: the chain
alone then still verifies.  Anchors are what they cannot reach:

* the desk's anchor file (``audit-anchor.json`` in the data folder), advanced after every audited
  commit with the heads of the chains the desk wrote (``mine``) - at head office at most once a
  second, the heads in between held in memory (``anchor_pace``, which says what that leaves); when a chain no longer passes
  through its anchored head (cut or re-hashed, then written on) the anchor is first kept as it
  was (``audit-anchor-kept-*.json``);
* every sync bundle carries an anchor of all heads the sender holds; the peer keeps it
  (``anchors/<node>.json`` in its data folder) after checking the sender's signature;
* every backup gets one beside it (``<backup>.anchor.json``).

An anchor is ``{"node", "branch", "at", "chains": {chain: [seq, hash, branch]}, "mine": [...]}``
signed (Ed25519, the node's sync key) over its canonical JSON.  ``check`` compares the store's
chains with every anchor it can read: a chain that ends before an anchored head lost its tail
(``cut``: how many and which entries), an anchored entry whose hash changed was re-hashed
(``rehashed``), an anchored chain with no entry left was emptied (``emptied``), and entries beyond
the last head the desk itself anchored were not written by the program (``appended``).  An
anchor whose signature fails is reported (``anchor``) and not used.

What remains: the node's private key sits in the store; someone holding the file can sign a new
anchor of their own in this data folder, but not change the copies peers and backups hold.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select

from ...db.models import AuditEntry, AuditHead
from ...db.sync_tables import SyncPeer
from ...domain.audit import ChainProblem
from ...i18n import _
from ..sync import sync_node

OWN_FILE = "audit-anchor.json"
KEPT_DIR = "anchors"
BESIDE = ".anchor.json"


def own_file(store) -> Path:
    return Path(store.data_dir) / OWN_FILE


def kept_file(store, node_id: str) -> Path:
    return Path(store.data_dir) / KEPT_DIR / f"{node_id}.json"


def beside(backup_file: Path | str) -> Path:
    path = Path(backup_file)
    return path.with_name(path.name + BESIDE)


def node_of(store):
    """The store's node (id, branch, keys), or None before it has one."""
    return getattr(store, "sync_node", None) or sync_node.load(store)


# -- signing -------------------------------------------------------------------------------


def _body(anchor: Mapping) -> bytes:
    return json.dumps({k: v for k, v in anchor.items() if k != "sig"}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@functools.lru_cache(maxsize=8)
def _private_key(raw: bytes) -> Ed25519PrivateKey:
    """The node's key made once (a desk signs its anchor after every audited commit)."""
    return Ed25519PrivateKey.from_private_bytes(raw)


def sign(node, chains: Mapping[str, list], mine: Iterable[str] = ()) -> dict:
    anchor = {"node": node.id, "branch": node.branch, "at": dt.datetime.now(dt.UTC).isoformat(),
              "chains": dict(chains), "mine": sorted(mine)}
    signature = _private_key(node.private_key).sign(_body(anchor))
    return {**anchor, "sig": base64.b64encode(signature).decode("ascii")}


def signed_by(anchor: Mapping, public_key: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            base64.b64decode(str(anchor["sig"])), _body(anchor))
        return isinstance(anchor["chains"], dict)
    except (InvalidSignature, KeyError, ValueError, TypeError):
        return False


def all_heads(session) -> dict[str, list]:
    return {h.chain: [h.seq, h.hash, h.branch] for h in session.scalars(select(AuditHead))
            if h.seq > 0}


def full(store) -> dict | None:
    """A signed anchor of every chain head the store holds (for bundles and backups)."""
    node = node_of(store)
    if node is None:
        return None
    with store.reading() as s:
        return sign(node, all_heads(s))


# -- the desk's own anchor file ---------------------------------------------------------------


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One process at a time rewrites the anchor file (window and command line on one folder)."""
    with open(folder / (OWN_FILE + ".lock"), "a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - Windows desks
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text("utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


_synced = [0.0]  # when the desk's anchor file was last forced to disk
SYNC_EVERY = 2.0  # seconds: an fsync per audited write would cost more than the write itself


# the desk's own anchor file as this process last wrote it: (inode, mtime, size) -> its content,
# so the next commit's anchoring neither reads nor verifies again what it signed itself
_own: dict[str, tuple[tuple[int, int, int], dict]] = {}


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _current(path: Path, public_key: bytes) -> tuple[dict | None, bool]:
    """The desk's anchor file (None: none yet) and whether it carries a valid signature.  Read
    and checked only when it is not the file this process wrote last."""
    key = _stat_key(path)
    if key is None:
        return None, True
    held = _own.get(str(path))
    if held is not None and held[0] == key:
        return held[1], True
    current = _read(path)
    return current, current is None or signed_by(current, public_key)


def _write(path: Path, anchor: Mapping, durable: bool = True) -> None:
    """Whole or not at all (written beside, renamed).  The desk's file, rewritten after every
    audited commit, is forced to disk at most every ``SYNC_EVERY`` seconds: a power cut may lose
    the last seconds of anchoring, never the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    now = time.monotonic()
    with open(tmp, "wb") as out:
        out.write(json.dumps(anchor, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        if durable or now - _synced[0] > SYNC_EVERY:
            out.flush()
            os.fsync(out.fileno())
            _synced[0] = now
    os.replace(tmp, path)


def advance(store, heads: Mapping[str, tuple[str, int, str]],
            claimed: Mapping[str, tuple[int, str]] | None = None) -> None:
    """After an audited commit: the desk's anchor file takes the chains' new heads (never moving
    one back).  An anchor file that no longer carries a valid signature is set aside, kept as
    evidence, and a new one begun.  ``claimed``: each chain's head (seq, hash) as the
    transaction found it when it took the head row (see ``_broken``)."""
    node = node_of(store)
    if node is None:
        return
    path = own_file(store)
    try:
        with _locked(path.parent):
            current, genuine = _current(path, node.public_key)
            if current is not None and not genuine:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                os.replace(path, path.with_name(f"audit-anchor-altered-{stamp}.json"))
                current = None
            chains = dict((current or {}).get("chains", {}))
            mine = set((current or {}).get("mine", []))
            if current is not None and _broken(store, chains, heads, claimed or {}):
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                _write(path.with_name(f"audit-anchor-kept-{stamp}.json"), current)
            for chain, (branch, seq, digest) in heads.items():
                if seq > int(chains.get(chain, [0])[0]):
                    chains[chain] = [seq, digest, branch]
                mine.add(chain)
            anchor = sign(node, chains, mine)
            _write(path, anchor, durable=False)
            key = _stat_key(path)
            if key is not None:
                _own[str(path)] = (key, anchor)
    except OSError:
        pass  # the commit stands; the entries show as not anchored until the next one


def _broken(store, chains: Mapping[str, list], heads: Mapping[str, tuple[str, int, str]],
            claimed: Mapping[str, tuple[int, str]]) -> bool:
    """Does a chain about to move past its anchored head no longer pass through it (its tail was
    cut or re-hashed, then written on)?  The anchor is then kept as it was, as evidence.

    The usual case reads nothing: the transaction found the chain's head row at the anchored
    (seq, hash) when it took it, and the entry just written links to that hash, so the chain
    passes through the anchor (an entry at that place edited behind an untouched head row is a
    broken link ``verify`` reports).  Otherwise (another process of this desk wrote meanwhile,
    or the head row moved back or was re-hashed) the entry at the anchored place is read."""
    log = AuditEntry.__table__
    suspect = []
    for chain, (_branch, seq, _digest) in heads.items():
        if chain not in chains:
            continue
        anchored, digest = int(chains[chain][0]), str(chains[chain][1])
        if seq > anchored and claimed.get(chain) != (anchored, digest):
            suspect.append((chain, anchored, digest))
    if not suspect:
        return False
    # one read, no transaction around it: at head office a BEGIN and a ROLLBACK would be two
    # more round trips after every audited commit
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for chain, anchored, digest in suspect:
            if conn.execute(select(log.c.hash).where(
                    log.c.chain == chain, log.c.seq == anchored)).scalar() != digest:
                return True
    return False


def keep(store, anchor: Mapping | None, public_key: bytes) -> None:
    """A peer's anchor from its bundle, kept once its signature is checked.  One that moves a
    chain back (the sender's log was cut) is kept beside the earlier one, never over it."""
    if not anchor or not signed_by(anchor, public_key):
        return
    path = kept_file(store, str(anchor["node"]))
    earlier = _read(path) if path.exists() else None
    if earlier is not None:
        old = earlier.get("chains", {})
        if any(int(v[0]) < int(old.get(c, [0])[0]) for c, v in anchor["chains"].items()):
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            path = path.with_name(f"{anchor['node']}-{stamp}.json")
    _write(path, anchor)


def write_beside(store, backup_file: Path) -> Path | None:
    """The backup's anchor, beside it: the heads of the store the backup copied."""
    anchor = full(store)
    if anchor is None:
        return None
    path = beside(backup_file)
    _write(path, anchor)
    return path


def restored(data_dir: Path, backup_file: Path) -> None:
    """A backup replaced the store: the entries written since it are gone on purpose.  The
    desk's anchor file is set aside (kept, not checked) and the backup's anchor takes its place."""
    path = Path(data_dir) / OWN_FILE
    if path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        os.replace(path, path.with_name(f"audit-anchor-before-restore-{stamp}.json"))
    anchor = _read(beside(backup_file))
    if anchor is not None:
        _write(path, {**anchor})


# -- checking ---------------------------------------------------------------------------------


def known(store, extra: Iterable[Path] = ()) -> list[tuple[Path, dict | None]]:
    """Every anchor this store's data folder knows: its own file, those set aside, the peers'
    kept ones, its backups'; then ``extra`` (a peer's copy, a backup kept elsewhere)."""
    folder = Path(store.data_dir)
    paths = [folder / OWN_FILE, *sorted(folder.glob("audit-anchor-altered-*.json")),
             *sorted(folder.glob("audit-anchor-kept-*.json")),
             *sorted((folder / KEPT_DIR).glob("*.json")),
             *sorted((folder / "backups").glob("*" + BESIDE)), *map(Path, extra)]
    return [(p, _read(p)) for p in paths if p.is_file()]


def check(store, session, chains: Mapping[str, dict[int, str]], branches: Mapping[str, str],
          extra: Iterable[Path] = ()) -> list[ChainProblem]:
    """The store's chains (chain: {seq: hash}) against every anchor known; see the module."""
    node = node_of(store)
    keys = {p.node: p.public_key for p in session.scalars(select(SyncPeer))}
    if node is not None:
        keys[node.id] = node.public_key
    own = own_file(store)
    found: dict[tuple[str, str], tuple[int, ChainProblem]] = {}
    bad: list[ChainProblem] = []
    for path, anchor in known(store, extra):
        key = keys.get(str((anchor or {}).get("node", "")))
        if anchor is None or key is None or not signed_by(anchor, key) or path.name.startswith(
                "audit-anchor-altered-"):
            bad.append(ChainProblem("", 0, "anchor", _(
                "the anchor file {file} is not signed by a known node: it was altered").format(
                file=path.name)))
            continue
        when = str(anchor.get("at", ""))[:16].replace("T", " ")
        for chain, value in anchor["chains"].items():
            try:
                seq, digest, branch = int(value[0]), str(value[1]), str(value[2])
            except (TypeError, ValueError, IndexError):
                continue
            for problem in _compare(chain, branches.get(chain, branch), seq, digest,
                                    chains.get(chain, {}), when):
                _keep_worst(found, problem, -seq if problem.kind == "rehashed" else seq)
        if path == own:
            for chain in anchor.get("mine", []):
                held = chains.get(chain, {})
                seq = int(anchor["chains"].get(chain, [0])[0])
                top = max(held, default=0)
                if top > seq:
                    _keep_worst(found, ChainProblem(branches.get(chain, ""), seq + 1, "appended", _(
                        "{n} entries ({first}–{last}) come after the last head this desk anchored "
                        "({at}): they were added outside the program (or the computer stopped "
                        "before anchoring them)").format(
                        n=top - seq, first=seq + 1, last=top, at=when), chain))
    return bad + sorted((p for _w, p in found.values()), key=lambda p: (p.branch, p.chain, p.seq))


def _compare(chain: str, branch: str, seq: int, digest: str, held: Mapping[int, str],
             when: str) -> list[ChainProblem]:
    if not held:
        return [ChainProblem(branch, 1, "emptied", _(
            "no entry is left although {n} were anchored on {at}: {n} entries missing "
            "(1–{n})").format(n=seq, at=when), chain)]
    top = max(held)
    if top < seq:
        return [ChainProblem(branch, top + 1, "cut", _(
            "the log ends at entry {top} but entries up to {seq} were anchored on {at}: "
            "{n} entries missing ({first}–{seq})").format(
            top=top, seq=seq, at=when, n=seq - top, first=top + 1), chain)]
    if seq in held and held[seq] != digest:
        return [ChainProblem(branch, seq, "rehashed", _(
            "entry {seq} no longer has the hash anchored on {at}: the chain was rewritten up to "
            "entry {top}").format(seq=seq, at=when, top=top), chain)]
    return []


def _keep_worst(found: dict, problem: ChainProblem, weight: int = 0) -> None:
    """One problem of a kind per chain: the most entries missing, the earliest rewrite."""
    key = (problem.chain, problem.kind)
    if key not in found or weight > found[key][0]:
        found[key] = (weight, problem)
