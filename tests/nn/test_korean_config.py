"""A training option that cannot work is refused with a Korean sentence under ko."""

from __future__ import annotations

import pytest

from gradflow.nn.config import ConfigError, TrainConfig, parse_hidden


def test_bad_options_are_refused_in_korean(korean):
    with pytest.raises(ConfigError, match=r"^learning rate는 양수여야 합니다, 받은 값: -1\.0$"):
        TrainConfig(lr=-1.0).validate()
    with pytest.raises(ConfigError, match=r'^알 수 없는 optimizer "rmsprop" \(sgd'):
        TrainConfig(optimizer="rmsprop").validate()
    with pytest.raises(ConfigError, match=r'^hidden 크기는 "100,50"처럼 정수여야 합니다'):
        parse_hidden("10,x")


def test_the_same_options_are_refused_in_english():
    with pytest.raises(ConfigError, match=r"^the learning rate must be a positive number, got -1"):
        TrainConfig(lr=-1.0).validate()


def test_a_missing_data_file_is_refused_in_korean(korean, tmp_path):
    from gradflow.core.errors import DatasetError
    from gradflow.nn.datasets import load_dataset

    with pytest.raises(DatasetError, match=r"^npz 파일이 없습니다: .*none\.npz$"):
        load_dataset(f"npz:{tmp_path / 'none.npz'}")
    with pytest.raises(DatasetError, match=r"^CIFAR-10 폴더가 없습니다: "):
        load_dataset(f"cifar10:{tmp_path / 'nowhere'}")
