from copydesk.cli.entry import main

main()
