"""Language detection by function words."""

from loaders.language import detect_language


def test_indonesian_and_english():
    assert (
        detect_language("Menteri itu mengatakan bahwa dia tidak akan datang ke rapat yang dijadwalkan.")
        == "id"
    )
    assert (
        detect_language("The minister said that he would not attend the meeting, which was planned.") == "en"
    )


def test_other_languages_pass_through():
    assert detect_language("Der Minister sagte, dass er nicht kommen werde.") == "und"
    assert detect_language("") == "und"
