# save.vt: whether a saved article's paragraphs are lines of their own,
# unwrapped (a line of 72 cells holds at most 108 bytes of Chinese)
length > 150 { n++ }
END { print (n > 0 ? "paragraphs whole" : "wrapped") }
