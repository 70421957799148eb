"""Accounts and permissions for the officers' web page (``ita web``, ``ita users``).

Roles: ``viewer`` (reads everything), ``editor`` (reads everything, changes the measures of one
agency; one grant per agency), ``admin`` (changes every agency's measures). An account without
any grant can sign in to nothing. Passwords are kept only as argon2id hashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from warehouse import run_query

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
ROLE_LABELS_TH: dict[str, str] = {
    "viewer": "ผู้ดู",
    "editor": "ผู้บันทึกผล",
    "admin": "ผู้ดูแลระบบ",
}
MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
_HASHER = PasswordHasher()
# Verified when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


class UserError(ValueError):
    """A refused account operation, with a message in English and Thai."""

    def __init__(self, message_en: str, message_th: str) -> None:
        super().__init__(f"{message_en} / {message_th}")
        self.message_th = message_th


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    agency_id: Any = None  # only for editor
    agency_name: str | None = None


@dataclass(frozen=True, slots=True)
class User:
    username: str
    display_name: str
    grants: tuple[Grant, ...] = ()

    @property
    def is_admin(self) -> bool:
        return any(g.role == "admin" for g in self.grants)

    @property
    def can_view(self) -> bool:
        return bool(self.grants)

    @property
    def editable_agency_ids(self) -> frozenset[Any]:
        return frozenset(g.agency_id for g in self.grants if g.role == "editor")

    def can_edit(self, agency_id: Any) -> bool:
        """Whether this user may change the measures of ``agency_id`` (the server-side check)."""
        return self.is_admin or agency_id in self.editable_agency_ids

    @property
    def role_summary_th(self) -> str:
        if self.is_admin:
            return ROLE_LABELS_TH["admin"]
        editors = [g.agency_name or str(g.agency_id) for g in self.grants if g.role == "editor"]
        if editors:
            return f"{ROLE_LABELS_TH['editor']}: " + ", ".join(editors)
        return ROLE_LABELS_TH["viewer"] if self.can_view else "ยังไม่มีสิทธิ์"


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` after the length check."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"the password must have at least {MIN_PASSWORD_LENGTH} characters",
            f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD_LENGTH} ตัวอักษร",
        )
    return _HASHER.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def add_user(
    con: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    display_name: str | None = None,
) -> None:
    """Create an account (no grants yet). Refuses a malformed or existing username."""
    if not _USERNAME.match(username):
        raise UserError(
            f"username {username!r} must be 2-64 characters of A-Z, a-z, 0-9 and . _ @ -",
            f"ชื่อผู้ใช้ {username!r} ต้องมี 2-64 ตัว ใช้ได้เฉพาะ A-Z a-z 0-9 และ . _ @ -",
        )
    if _user_row(con, username) is not None:
        raise UserError(f"user {username!r} already exists", f"มีผู้ใช้ {username!r} อยู่แล้ว")
    run_query(
        con,
        "user_insert",
        username=username,
        display_name=display_name or username,
        password_hash=hash_password(password),
    )


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str) -> None:
    _require_user(con, username)
    run_query(con, "user_set_password", username=username, password_hash=hash_password(password))


def grant_role(
    con: duckdb.DuckDBPyConnection,
    username: str,
    role: str,
    agency_id: Any = None,
    granted_by: str | None = None,
) -> None:
    """Give ``role`` to ``username``; editor needs an agency, viewer and admin take none.
    Granting what is already granted changes nothing."""
    _require_user(con, username)
    checked = _check_role(role, agency_id)
    if agency_id is not None and _agency_name(con, agency_id) is None:
        raise UserError(
            f"agency {agency_id!r} is not in the warehouse", f"ไม่พบหน่วยงาน {agency_id!r}"
        )
    run_query(
        con,
        "user_grant",
        username=username,
        role=checked,
        agency_id=agency_id,
        granted_by=granted_by,
    )


def revoke_role(
    con: duckdb.DuckDBPyConnection, username: str, role: str, agency_id: Any = None
) -> None:
    _require_user(con, username)
    run_query(
        con,
        "user_revoke",
        username=username,
        role=_check_role(role, agency_id),
        agency_id=agency_id,
    )


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str) -> User | None:
    """The user when ``password`` matches, else None (same cost for an unknown name)."""
    row = _user_row(con, username)
    if row is None:
        check_password(_DUMMY_HASH, password)
        return None
    if not check_password(row["password_hash"], password):
        return None
    return load_user(con, username)


def load_user(con: duckdb.DuckDBPyConnection, username: str) -> User | None:
    row = _user_row(con, username)
    if row is None:
        return None
    grants = tuple(
        Grant(role=g["role"], agency_id=g["agency_id"], agency_name=g["agency_name"])
        for g in run_query(con, "user_grants", username=username).dicts()
    )
    return User(username=row["username"], display_name=row["display_name"], grants=grants)


def list_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    names = [r["username"] for r in run_query(con, "user_list").dicts()]
    return [u for name in names if (u := load_user(con, name)) is not None]


def _check_role(role: str, agency_id: Any) -> Role:
    if role not in ROLES:
        raise UserError(
            f"role must be one of {', '.join(ROLES)}, not {role!r}",
            f"บทบาทต้องเป็น {', '.join(ROLES)} เท่านั้น",
        )
    if (role == "editor") != (agency_id is not None):
        raise UserError(
            "an editor grant needs an agency; viewer and admin grants take none",
            "สิทธิ์ผู้บันทึกผล (editor) ต้องระบุหน่วยงาน ส่วน viewer และ admin ไม่ต้องระบุ",
        )
    return role  # type: ignore[return-value]


def _require_user(con: duckdb.DuckDBPyConnection, username: str) -> None:
    if _user_row(con, username) is None:
        raise UserError(f"no user {username!r}", f"ไม่พบผู้ใช้ {username!r}")


def _user_row(con: duckdb.DuckDBPyConnection, username: str) -> dict[str, Any] | None:
    rows = run_query(con, "user_get", username=username).dicts()
    return rows[0] if rows else None


def _agency_name(con: duckdb.DuckDBPyConnection, agency_id: Any) -> str | None:
    rows = run_query(con, "user_agency_name", agency_id=agency_id).dicts()
    return rows[0]["name"] if rows else None
