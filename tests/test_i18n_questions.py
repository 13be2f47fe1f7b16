"""The Arabic catalog asks its questions of a woman and a man alike: no msgstr asks the user in
the masculine second person («هل تريد…؟», «هل أنت متأكد…؟», «أتريد…؟», «أتغادر…؟»).  A question
reads in a neutral form («إلغاء موعد فلان؟», «إغلاق الطلب؟») or, for a woman, in her gender
through a "(woman)" msgid («هل تريدين…؟» is not caught: the patterns stop before «ين»)."""

from __future__ import annotations

import re

from arabic_catalog import msgstrs

# the user addressed as a man, in a question: «هل تريد» (not «هل تريدين»), «هل أنت» (not «أنتِ»),
# «أتريد», «هل تود/ترغب», and the questions the catalog used to ask in the verb itself
MASCULINE_QUESTIONS = re.compile(
    r"هل تريد(?!ين)|هل أنت(?!ِ)|أتريد(?!ين)|هل تود(?!ين)|هل ترغب(?!ين)"
    r"|أتغادر(?!ين)|أتضيف(?!ين)|هل تغلق(?!ين)|هل تحفظ(?!ين)|هل تحذف(?!ين)")


def test_the_patterns_catch_the_masculine_and_let_the_feminine_and_neutral_pass():
    assert MASCULINE_QUESTIONS.search("هل تريد إلغاء الموعد؟")
    assert MASCULINE_QUESTIONS.search("هل أنت متأكد؟")
    assert MASCULINE_QUESTIONS.search("أتريد الحفظ؟")
    assert MASCULINE_QUESTIONS.search("أتغادر الطلب وتتجاهل ما كتبته؟")
    assert not MASCULINE_QUESTIONS.search("هل تريدين إلغاء الموعد؟")
    assert not MASCULINE_QUESTIONS.search("إلغاء الموعد؟")
    assert not MASCULINE_QUESTIONS.search("هل تم الحفظ؟")


def test_no_arabic_question_asks_the_user_in_the_masculine():
    found = [f"{msgid!r}: {text}" for msgid, text in msgstrs() if MASCULINE_QUESTIONS.search(text)]
    assert not found, "questions to the user in the masculine:\n" + "\n".join(found)
