"""The Arabic catalog tells a woman employee what to do as it tells a man: no msgstr addresses the
user of the program with a masculine imperative («اختر…», «اكتب…», «أضفه…») or a masculine
second-person form («يمكنك», «لديك», «حسابك»).  An instruction reads in a neutral form: «يُرجى
إضافة…», a verbal noun («اختيار التصنيف»), a passive («يُضاف…»), or «لإضافته: …».

Texts addressed to the applicant (the papers the applicant fills in or reads) are allowed below,
each with its reason: they follow the applicant's gender or speak to any reader of the paper.
"""

from __future__ import annotations

import re

from arabic_catalog import msgstrs

# masculine imperatives to the user, without diacritics; a prefix و/ف and an object suffix
# (ه، ها، هما، هم) are allowed («واكتب», «فاختر», «اطبعه», «احفظها»)
IMPERATIVES = frozenset("""
    اختر اكتب اضغط انقر أدخل افتح راجع تأكد أضف استخدم استعمل اطبع احفظ أعد أغلق أنشئ اذكر حدد
    صحح ابحث احجز اتبع اترك اجعل اجمع احذف اخرج اذهب ارفع استبدل استعد استورد اضبط اطلب اعرض
    افحص اقبل اقرأ انسخ انظر انقل انتظر انتقل أبق أبلغ أجب أحل أخبر أرسل أرفق أزل أعط أكد أكمل
    أوقف ألغ أفرغ قارن طابق ضع خذ دع حاول تحقق
""".split())
# imperatives that unvocalised are also a noun or a past tense («سجل» a record, «غير» other,
# «صدر» was issued): counted only when written with their shadda («سجّل», «غيّر», «صدّر»)
DOUBLED_IMPERATIVES = frozenset("""
    سجل غير عدل قدم صدر سلم وقع عين جرب شغل ثبت زود نفذ حدث جدد شفر دقق جهز فعل عطل حمل رتب
    وثق
""".split())
OBJECT_SUFFIXES = ("", "ه", "ها", "هما", "هم")
# the user addressed as «you» (masculine): pronoun words and suffixed forms the catalog used
SECOND_PERSON = frozenset("""
    يمكنك ويمكنك لديك عليك لك بك منك إليك عندك بنفسك أنت تستطيع ستجد تريد تختار
    أعطاك يعطيك ويعطيك يبلغك ويبلغك يسلمك ينقلك حسابك دورك جمعيتك لجمعيتك غيرك لغيرك
    خروجك بياناتك عملك أدخلته اخترته فتحته غيرته كتبته حقوقك واجباتك إجاباتك خدمتك لوقتك وثقتك
""".split())
# defective imperatives end in a kasra for a man too («أعطِ», «ألغِ»; a woman's «أعطي»)
DEFECTIVE = frozenset("أعط ألغ أبق امض اقض ادع".split())
# a negative imperative after «لا»: «لا تذكر», «لا ترسلها» (not the passive «لا تُرسَل»)
NEGATIVE = frozenset("تذكر ترسل ترسلها ترسله تنس تغلق تضع تترك تحذف".split())

# msgids allowed, each for its reason (the msgstr is checked as usual everywhere else)
ADDRESSED_TO_THE_APPLICANT = {
    # the printed survey form is filled in by the applicant («ضع علامة… إجاباتك سرية»)
    "Please mark one box for each statement, from {low} (very dissatisfied) to {high} (very "
    "satisfied). Your answers are confidential and help us serve you better.",
    "Thank you for your time and your trust.",
    # the printed support request form is filled in by the applicant
    "Documents attached (tick each)",
    "The program applied for (tick one)",
    # the rights sheet speaks to the applicant
    "Your rights",
    "Your duties",
    # drawn on the signature pad, which the applicant signs
    "Sign here",
    "Sign with the mouse, a pen or a finger",
}
GENDERED_FOR_THE_USER = {
    # chosen by the signed-in user's gender: the "(woman)" sibling speaks to a woman
    "Welcome, {name}. Your password was given to you by the administrator: choose one of your "
    "own now, and type it twice. Nobody else will know it.",
}
NOT_AN_IMPERATIVE = {
    # past tense: «أدخله فلان» names the employee who typed the paper in
    "For office use: request reference {reference}, typed in by {name} on {date}",
    "For office use: typed in by {name} on {date}",
    # past tense: «استوردها مسؤول النظام» (the administrator imported them)
    "Imported by an administrator who states that each applicant's consent to the processing of "
    "personal data was collected and is kept on paper",
    # past tense: «اعتمدها مجلس الإدارة» (the board approved the policy)
    "Approved by the board of directors: {meeting}",
    "Approved by the board of directors: {meeting}, on {date}",
}
ALLOWED = ADDRESSED_TO_THE_APPLICANT | GENDERED_FOR_THE_USER | NOT_AN_IMPERATIVE

FATHA, DAMMA, KASRA, SHADDA = "\u064e", "\u064f", "\u0650", "\u0651"
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640&]")
WORD = re.compile("[\u0621-\u064a\u064b-\u0652\u0670\u0640&]+")


def _imperative(bare: str, shadda: bool) -> bool:
    stems = IMPERATIVES | DOUBLED_IMPERATIVES if shadda else IMPERATIVES
    # «و/ف» before a stem of three letters or more («واكتب»), not «وضع» read as «و» + «ضع»
    for word in (bare, bare[1:] if bare[:1] in "وف" and len(bare) > 3 else ""):
        for suffix in OBJECT_SUFFIXES:
            if word and word.endswith(suffix) and word[: len(word) - len(suffix)] in stems:
                return True
    return False


def _not_addressed(raw: str) -> bool:
    """A damma in the first four letters marks a passive («أُنشئ», «استُورد»); a kasra at the end
    speaks to a woman («بكِ»); a fatha on the last letter, or before an object suffix, marks a
    past tense with its subject after it («وقَّعَ المستفيد», «قدَّمَه المستفيد»)."""
    return (DAMMA in raw[:5] or raw.endswith((KASRA, FATHA))
            or re.search(FATHA + "(?:ه|ها|هما|هم)$", raw) is not None)


def masculine_address(text: str) -> list[str]:
    """The words of `text` that address the user as a man."""
    found = []
    previous = ""
    for raw in WORD.findall(text):
        bare = DIACRITICS.sub("", raw)
        if bare in DEFECTIVE or not _not_addressed(raw):
            if bare in SECOND_PERSON or _imperative(bare, SHADDA in raw):
                found.append(bare)
            elif previous == "لا" and bare in NEGATIVE:
                found.append(f"لا {bare}")
        previous = bare
    return found


def test_the_word_list_catches_the_masculine_and_lets_the_neutral_pass():
    assert masculine_address("أضف كلًّا منها بنسخة سارية اليوم عبر «إضافة مستند».") == ["أضف"]
    assert masculine_address("اختر التصنيف")
    assert masculine_address("لا نتائج. تحقق من الكتابة، أو سجّل مستفيدًا جديدًا.")
    assert masculine_address("مخزن البيانات مفتوح: أغلقه ثم حاول مرة أخرى")
    assert masculine_address("ويمكنك معاينتها.") == ["ويمكنك"]
    assert masculine_address("لذا لا تذكر فيه اسم الشخص") == ["لا تذكر"]
    assert masculine_address("ا&بحث في:") == ["ابحث"]
    assert masculine_address("أعطِ المتقدمة قائمة بما تُحضره") == ["أعط"]
    # neutral: verbal nouns, passives, «يُرجى», and the feminine a woman's msgid carries
    assert not masculine_address("يُرجى إضافة كلٍّ منها بنسخة سارية اليوم عبر «إضافة مستند».")
    assert not masculine_address("اختيار التصنيف")
    assert not masculine_address("أُنشئ {done} من {total}؛ استُورد مستفيد واحد")
    assert not masculine_address("اختاري الآن كلمة مرور خاصة بكِ واكتبيها مرتين")
    assert not masculine_address("لا تُكتب الأسرار في هذا الملف")
    assert not masculine_address("ولا تُرسَل مع الملف أبدًا؛ يُرجى وضع عبارة المرور في المتغير")
    assert not masculine_address("وقَّعَ المستفيد الورقة؛ مستند قدَّمَه المستفيد")


def test_the_allowed_msgids_are_still_in_the_catalog():
    msgids = {msgid for msgid, _text in msgstrs()}
    assert not ALLOWED - msgids, "allowed msgids no longer in the catalog: " + repr(ALLOWED - msgids)


def test_no_arabic_text_tells_the_user_what_to_do_in_the_masculine():
    found = [f"{msgid!r}: {text}  {masculine_address(text)}" for msgid, text in msgstrs()
             if msgid not in ALLOWED and masculine_address(text)]
    assert not found, f"{len(found)} texts address the user as a man:\n" + "\n".join(found)
