#!/usr/bin/env python3
"""Proves check_deps.py can fail: runs it on small temporary trees, each
with one include, and expects it to pass the allowed ones and fail, naming
the file, line and edge, on the forbidden ones."""
import os
import subprocess
import sys
import tempfile
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "check_deps.py")


def run_on(files):
    """files: {relative path: text}. Returns (exit code, output)."""
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        done = subprocess.run([sys.executable, CHECKER, root],
                              capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


class CheckDepsTest(unittest.TestCase):
    def assertAllowed(self, path, header):
        code, out = run_on({path: f'#include "{header}"\n'})
        self.assertEqual(code, 0, out)

    def assertRefused(self, path, header, words):
        code, out = run_on({path: f'// a comment\n#include "{header}"\n'})
        self.assertEqual(code, 1, out)
        self.assertIn(f'{path}:2: {words} may not include "{header}"', out)

    def test_allowed_edges_pass(self):
        self.assertAllowed("client/ui/a.cc", "client/app/journey.h")
        self.assertAllowed("client/ui/a.cc", "accessibility/speaker.h")
        self.assertAllowed("client/model/a.cc", "contract/validation.h")
        self.assertAllowed("client/model/a.cc", "carevoice/v1/carevoice.pb.h")
        self.assertAllowed("service/rpc/a.cc", "service/store/store.h")
        self.assertAllowed("service/catalog/a.cc", "service/store/store.h")
        self.assertAllowed("protos/contract/a.cc", "base/utf8.h")
        self.assertAllowed("client/main.cc", "client/ui/kiosk_ui.h")
        self.assertAllowed("protos/base/a.cc", "absl/status/status.h")

    def test_edges_are_transitive(self):
        self.assertAllowed("client/ui/a.cc", "client/model/outbox.h")
        self.assertAllowed("client/ui/a.cc", "base/utf8.h")
        self.assertAllowed("service/rpc/a.cc", "contract/validation.h")

    def test_pointing_up_fails(self):
        self.assertRefused("client/app/a.cc", "client/ui/kiosk_ui.h", "app")
        self.assertRefused("client/model/a.cc", "client/app/journey.h",
                           "model")
        self.assertRefused("service/store/a.cc", "service/rpc/handlers.h",
                           "store")
        self.assertRefused("protos/contract/a.cc", "client/model/outbox.h",
                           "contract")
        self.assertRefused("protos/base/a.h", "contract/validation.h", "base")
        self.assertRefused("protos/base/a.h", "carevoice/v1/common.pb.h",
                           "base")

    def test_sideways_fails(self):
        self.assertRefused("service/catalog/a.cc", "service/cases/clock.h",
                           "catalog")
        self.assertRefused("accessibility/a.cc", "client/model/outbox.h",
                           "accessibility")

    def test_nothing_between_client_and_service(self):
        self.assertRefused("client/model/a.cc", "service/store/store.h",
                           "model")
        self.assertRefused("service/rpc/a.cc", "client/model/outbox.h", "rpc")
        self.assertRefused("client/main.cc", "service/rpc/services.h",
                           "client_main")

    def test_a_file_outside_every_module_fails(self):
        code, out = run_on({"client/widgets/a.cc": "int x;\n"})
        self.assertEqual(code, 1, out)
        self.assertIn("client/widgets/a.cc: belongs to no module", out)

    def test_one_bad_include_among_good_ones_fails(self):
        code, out = run_on({
            "client/ui/good.cc": '#include "client/app/journey.h"\n',
            "service/store/good.cc": '#include "contract/limits.h"\n',
            "protos/base/bad.cc": '#include "base/utf8.h"\n'
                                  '#include "service/log.h"\n',
        })
        self.assertEqual(code, 1, out)
        self.assertIn('protos/base/bad.cc:2: base may not include '
                      '"service/log.h"', out)
        self.assertIn("1 forbidden include(s)", out)


if __name__ == "__main__":
    unittest.main()
