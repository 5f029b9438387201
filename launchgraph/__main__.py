from launchgraph.cli import main

main()
