"""The Joint Journey knowledge base: practice files in, validated site out."""
