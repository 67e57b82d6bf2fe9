# The samples are lit tests too: each .aio here carries RUN and CHECK lines.
import os

lit_config.load_config(config, os.path.join(os.path.dirname(__file__), "..", "tests", "lit", "lit.cfg.py"))
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.test_exec_root, "..", "lit-samples")
