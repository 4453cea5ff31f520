# fish completion for ostplay(1): commands, their options, drama names from
# your own library, and file names where a command takes files.  The
# commands and options come from the ostplay being completed (`ostplay
# help --commands`, `ostplay help --options CMD`); drama names from
# `ostplay dramas --names`.

function __ostplay_command
    set -l words (commandline -opc)
    for w in $words[2..-1]
        if not string match -q -- '-*' $w
            echo $w
            return 0
        end
    end
    return 1
end

function __ostplay_needs_command
    not __ostplay_command >/dev/null
end

function __ostplay_using
    contains -- (__ostplay_command) $argv
end

function __ostplay_bin
    set -l words (commandline -opc)
    echo $words[1]
end

function __ostplay_commands
    set -l bin (__ostplay_bin)
    $bin help --commands 2>/dev/null
end

function __ostplay_dramas
    set -l bin (__ostplay_bin)
    $bin dramas --names 2>/dev/null
end

# The options of the command being completed, as fish wants them: the
# name, a tab, its help.
function __ostplay_options
    set -l cmd (__ostplay_command); or return
    set -l bin (__ostplay_bin)
    $bin help --options $cmd 2>/dev/null | while read -l -d \t opt value help
        echo $opt\t$help
    end
end

# What the option before the cursor takes, when it takes something.
function __ostplay_option_value
    set -l cmd (__ostplay_command); or return
    set -l prev (commandline -opc)[-1]
    set -l bin (__ostplay_bin)
    $bin help --options $cmd 2>/dev/null | while read -l -d \t opt value help
        if test "$opt" = "$prev" -a -n "$value"
            echo $value
            return 0
        end
    end
    return 1
end

function __ostplay_value_is
    test "$(__ostplay_option_value)" = "$argv[1]"
end

complete -c ostplay -f
complete -c ostplay -n __ostplay_needs_command -a '(__ostplay_commands)'
complete -c ostplay -n __ostplay_needs_command -l help -d 'print the commands'
complete -c ostplay -n __ostplay_needs_command -l version -d 'print the version'
complete -c ostplay -n 'not __ostplay_needs_command; and string match -q -- "-*" (commandline -ct)' -a '(__ostplay_options)'
complete -c ostplay -n 'not __ostplay_needs_command' -s h -l help -d "print the command's help"

# Values of options, by what they take.
complete -c ostplay -n '__ostplay_value_is FILE' -F
complete -c ostplay -n '__ostplay_value_is DIR' -a '(__fish_complete_directories)'
complete -c ostplay -n '__ostplay_using tracks shuffle; and __ostplay_value_is NAME' -a '(__ostplay_dramas)'
complete -c ostplay -n '__ostplay_value_is "xspf|m3u8"' -a 'xspf m3u8'

# Arguments.
complete -c ostplay -n '__ostplay_using play add export; and not __ostplay_option_value' -a '(__ostplay_dramas)'
complete -c ostplay -n '__ostplay_using explain import fav; and not __ostplay_option_value' -F
complete -c ostplay -n '__ostplay_using scan' -a '(__fish_complete_directories)'
complete -c ostplay -n '__ostplay_using fav' -a 'add rm current'
complete -c ostplay -n '__ostplay_using drama' -a 'catalog ignore alias forget rules (__ostplay_dramas)'
complete -c ostplay -n '__ostplay_using loudness' -a 'track album off'
complete -c ostplay -n '__ostplay_using play add; and not __ostplay_option_value' -F
complete -c ostplay -n '__ostplay_using repeat' -a 'on off one'
complete -c ostplay -n '__ostplay_using random' -a 'on off'
complete -c ostplay -n '__ostplay_using help' -a '(__ostplay_commands)'
