"""amplifier-core's provider contract suite (pytest; run by test_contract.py only where the real
amplifier-core with its pytest plugin is installed)."""

from amplifier_core.validation.behavioral import ProviderBehaviorTests


class TestAzureOpenAIBridgeBehavior(ProviderBehaviorTests):
    """Every standard provider behaviour test, against this package's mount()."""
