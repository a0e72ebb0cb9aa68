import itertools

import pytest

from putright.cases.references import damm_digit, reference_generate, reference_is_valid


def _every_single_digit_mistype(reference: str) -> list[str]:
    out = []
    for position in range(2, len(reference)):
        for digit in "0123456789":
            if digit != reference[position]:
                out.append(reference[:position] + digit + reference[position + 1 :])
    return out


def _every_adjacent_swap(reference: str) -> list[str]:
    out = []
    for position in range(2, len(reference) - 1):
        a, b = reference[position], reference[position + 1]
        if a != b:
            out.append(reference[:position] + b + a + reference[position + 2 :])
    return out


class TestCuReference:
    def test_it_is_cu_and_eight_digits_with_a_valid_check_digit(self) -> None:
        reference = reference_generate()
        assert reference.startswith("CU")
        assert len(reference) == 10
        assert reference[2:].isdigit()
        assert reference_is_valid(reference)

    @pytest.mark.parametrize("seed", range(50))
    def test_a_single_mistyped_digit_in_any_position_is_rejected(self, seed: int) -> None:
        reference = reference_generate()
        for typo in _every_single_digit_mistype(reference):
            assert not reference_is_valid(typo), typo

    @pytest.mark.parametrize("seed", range(50))
    def test_two_adjacent_digits_swapped_in_any_position_are_rejected(self, seed: int) -> None:
        reference = reference_generate()
        for swap in _every_adjacent_swap(reference):
            assert not reference_is_valid(swap), swap

    def test_references_are_not_sequential(self) -> None:
        references = sorted(int(reference_generate()[2:9]) for _ in range(200))
        gaps = {b - a for a, b in itertools.pairwise(references)}
        assert len(references) == len(set(references))
        assert gaps != {1}

    def test_what_a_person_types_is_tidied_before_checking(self) -> None:
        reference = reference_generate()
        spaced = f" {reference[:2].lower()} {reference[2:6]}-{reference[6:]} "
        assert reference_is_valid(spaced)

    def test_damm_digit_of_a_known_value(self) -> None:
        # The worked example of the Damm algorithm: 572 -> check digit 4.
        assert damm_digit("572") == 4
        assert damm_digit("5724") == 0

    @pytest.mark.parametrize(
        "text", ["", "CU", "CU1234567", "XX12345678", "CU1234567a", "CU123456789"]
    )
    def test_malformed_text_is_not_a_reference(self, text: str) -> None:
        assert not reference_is_valid(text)
