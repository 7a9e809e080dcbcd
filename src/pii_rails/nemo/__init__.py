"""The NeMo Guardrails binding: actions, flows' rail table, LLM boundary, streaming,
conversations, threads and NeMo patches."""
