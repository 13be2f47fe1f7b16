"""A person's rights over what coordination holds: their export lists what other members
revealed and their consent; anonymising them takes them out of coordination."""

from __future__ import annotations

from ajfar_desk.services.coordination import exchange, reveals
from ajfar_desk.services.privacy import privacy, privacy_export
from consortium import NAMES, close, founded, nid, register


def test_the_export_holds_it_and_anonymising_removes_it(tmp_path):
    members = founded(tmp_path)
    try:
        a, b = members["ajfar"], members["baraa"]
        at_a = register(a, nid(77))
        register(b, nid(77))
        for _ in range(2):
            exchange.import_file(b, exchange.export(a))
            exchange.import_file(a, exchange.export(b))
        data = privacy_export.export_person(a, at_a)
        assert data["applicant"]["coordination_consent"] is True
        assert [c["association"] for c in data["coordination"]] == [NAMES["baraa"]]
        privacy.anonymise(a, at_a, "طلب كتابي من المستفيد بحذف بياناته")
        assert not reveals.consent(a, at_a)
        assert reveals.for_applicant(a, at_a).reveals == []
        assert exchange.export(a) and privacy_export.export_person(a, at_a)["coordination"] == []
    finally:
        close(members)
        members["ajfar"].store.close()
