from copydesk.cli.app import main

main()
