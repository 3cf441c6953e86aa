"""Starts Odoo with the interpreter that runs this file, as Odoo's own `odoo-bin` does.

The scripts start Odoo through this file rather than `python -m odoo`: with worker processes
Odoo respawns its gevent (websocket) process as `sys.executable sys.argv[0] gevent ...`, which
needs sys.argv[0] to be a script, not odoo/__main__.py.
"""

import odoo

if __name__ == "__main__":
    odoo.cli.main()
