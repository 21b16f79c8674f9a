"""The review as pure steps: screen for injection, prompt, validate the answer, ground, merge.

prompts/     versioned templates rendered by pure functions; redaction of personal details
answer.py    the answer schema's model and how an answer is judged usable
schema.py    the JSON schema sent to the model, sized to its output budget
grounding.py quotes found in the resume; what a rewrite or a remark may not invent
merge.py     what survives of an answer, merged into the analyzer's feedback (bounded scores)
injection.py text that instructs an AI reviewer: removed, and reported as a red flag
"""
