"""The events stage: PLOVER events from trigger dictionaries and the learned coder, with their actors."""
