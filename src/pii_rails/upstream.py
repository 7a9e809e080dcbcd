"""``python -m pii_rails.upstream``: the recording upstream (see :mod:`pii_rails.testing.upstream`)."""

from pii_rails.testing.upstream import RecordingUpstream, echo_reply, main, tokens

__all__ = ["RecordingUpstream", "echo_reply", "main", "tokens"]

if __name__ == "__main__":
    main()
