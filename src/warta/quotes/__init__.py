"""The quotes and speakers stages: direct and reported quotes, their speakers, and the speaker as an actor."""
