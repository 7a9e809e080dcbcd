"""``python -m pii_rails.demo``"""

from pii_rails.demo import main

raise SystemExit(main())
