//! The engine over the real corpus: commands, roles and aliases, typos, salary levels,
//! conflicting figures, declines, and hostile text.

use careerbot::answer::{MAX_MESSAGE_UNITS, render_html, render_plain, split_messages};

use crate::support::engine;

fn reply(text: &str) -> String {
    render_plain(&engine().answer(text))
}

fn best_id(text: &str) -> String {
    engine().answer(text).used.first().map(|u| u.id.clone()).unwrap_or_default()
}

#[test]
fn role_command_accepts_aliases_case_typos_and_a_bot_suffix() {
    for text in
        ["/role mlops", "/role ML Ops", "/ROLE MLOps Engineer", "/role@CareerGuideBot ml-ops", "/role mlpos"]
    {
        let answer = engine().answer(text);
        assert!(answer.answered, "{text}");
        assert_eq!(answer.used[0].id, "ai-career-paths-2026/mlops-engineer", "{text}");
    }
    let cv = engine().answer("/role computer vison");
    assert_eq!(cv.title, "Computer Vision Engineer");
    assert!(render_plain(&cv).contains("Top Employers: Waymo"));
}

#[test]
fn an_unknown_role_says_so_and_lists_the_roles() {
    let answer = engine().answer("/role astronaut");
    assert!(!answer.answered);
    let text = render_plain(&answer);
    assert!(text.contains("no role called “astronaut”"), "{text}");
    assert!(text.contains("Data Scientist") && text.contains("MLOps Engineer"));
}

#[test]
fn role_without_a_name_and_roles_list_every_role() {
    for text in ["/role", "/roles"] {
        let answer = engine().answer(text);
        assert_eq!(answer.actions.iter().filter(|a| a.command.starts_with("/role ")).count(), 7, "{text}");
    }
}

#[test]
fn a_role_and_an_aspect_answer_from_the_roles_field() {
    let skills = engine().answer("what skills does a data scientist need?");
    assert_eq!(skills.title, "Data Scientist: Key Skills");
    assert!(render_plain(&skills).contains("A/B testing"));
    let pay = reply("how much does an MLOps engineer make?");
    assert!(pay.contains("$110k–$270k+"), "{pay}");
    assert!(pay.contains("Source: AI Career Paths in 2026 › MLOps Engineer"));
    assert_eq!(engine().answer("/skills cv").title, "Computer Vision Engineer: Key Skills");
    assert!(reply("/career pm").contains("Group PM"));
}

#[test]
fn a_missing_field_is_said_plainly() {
    let answer = engine().answer("/employers data scientist");
    assert!(!answer.answered);
    assert!(render_plain(&answer).contains("doesn't give top employers for Data Scientist"));
}

#[test]
fn salary_levels_answer_from_the_table() {
    for (text, figure) in [
        ("/salary junior", "$100,000 - $140,000"),
        ("/salary entry", "$100,000 - $140,000"),
        ("/salary mid", "$140,000 - $200,000"),
        ("/salary staff", "$250,000 - $400,000"),
        ("what does a senior ml engineer earn", "$190,000 - $280,000"),
    ] {
        assert!(reply(text).contains(figure), "{text}");
    }
}

#[test]
fn conflicting_senior_figures_are_both_shown_with_their_sources() {
    let text = reply("/salary senior");
    assert!(text.contains("$190,000 - $280,000"));
    assert!(text.contains("Senior: $160,000-$250,000"));
    assert!(text.contains("different figures"));
    assert!(text.contains("Salary Range") && text.contains("Quick Answer"));
}

#[test]
fn research_scientist_salary_shows_all_three_figures() {
    let text = reply("/salary research scientist");
    for figure in ["$150k–$400k+", "$200,000 - $500,000+", "$140K–$400K+"] {
        assert!(text.contains(figure), "{figure} missing from {text}");
    }
}

#[test]
fn salary_alone_is_an_overview_of_levels_and_roles() {
    let text = reply("/salary");
    assert!(text.contains("Junior ML Engineer") && text.contains("AI Product Manager"));
    assert!(text.contains("$130k–$280k+"));
}

#[test]
fn faq_questions_in_paraphrase_find_their_answers() {
    assert_eq!(
        best_id("do i need a phd"),
        "ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai"
    );
    assert_eq!(
        best_id("what programming languages do AI engineers use"),
        "ai-career-paths-2026/frequently-asked-questions/what-programming-languages-do-ai-engineers-use"
    );
    let list = engine().answer("/faq");
    assert_eq!(list.actions.len(), 6);
    assert!(reply("/faq 2").contains("do not require a PhD"));
    assert!(!engine().answer("/faq 99").answered);
}

#[test]
fn questions_the_guide_does_not_cover_are_declined() {
    for text in [
        "what is the salary of a dentist",
        "how do I become a pilot",
        "what's the weather in Paris",
        "tell me a joke",
    ] {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
        assert!(render_plain(&answer).contains("doesn't cover"));
        assert!(answer.actions.iter().any(|a| a.command == "/salary"));
    }
}

#[test]
fn jobs_the_guide_does_not_cover_are_declined_though_every_word_is_a_guide_word() {
    for text in
        ["how much does a data engineer make", "how much do devops engineers earn", "data analyst salary"]
    {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
    }
    // A covered title, misspelt or with a level before it, is still answered.
    assert_eq!(
        best_id("what do computer vison engineers do"),
        "ai-career-paths-2026/computer-vision-engineer"
    );
    assert!(reply("how much do senior engineers earn").contains("$190,000"));
}

#[test]
fn a_best_match_on_an_incidental_word_declines_unless_a_role_or_aspect_anchors_it() {
    for text in ["explain backpropagation step by step", "pinecone vs weaviate which vector db is better"] {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
    }
    assert_eq!(
        best_id("which vector db should an nlp engineer learn"),
        "ai-career-paths-2026/nlp-engineer-llm-engineer"
    );
}

#[test]
fn every_reply_ends_with_its_source() {
    for text in ["/role mlops", "/salary senior", "do i need a phd", "bootcamps"] {
        assert!(reply(text).contains("\n\nSource: "), "{text}");
    }
}

#[test]
fn commands_for_the_bot_are_case_insensitive_and_unknown_ones_point_to_help() {
    assert!(engine().answer("/HELP").answered);
    let unknown = engine().answer("/dance");
    assert!(!unknown.answered);
    assert!(reply("/dance").contains("/help"));
}

#[test]
fn hostile_text_gets_a_normal_reply() {
    let long = "salary ".repeat(600);
    let nested = format!("{}mlops{}", "(".repeat(1500), ")".repeat(1500));
    let emoji = "😀".repeat(500);
    let role_arg = format!("/role {}", "x".repeat(3000));
    let inputs = [
        nested.as_str(),
        "title:*",
        "salary^1000000",
        "-salary",
        "\"unbalanced quote",
        "AND OR NOT",
        "*",
        "<script>alert(1)</script> & mlops",
        "ml\u{200B}ops\u{202E} salary\0",
        long.as_str(),
        emoji.as_str(),
        role_arg.as_str(),
        "",
        "   ",
    ];
    for text in inputs {
        let answer = engine().answer(text);
        let plain = render_plain(&answer);
        assert!(!plain.is_empty());
        for message in split_messages(&render_html(&answer), MAX_MESSAGE_UNITS) {
            assert!(message.encode_utf16().count() <= MAX_MESSAGE_UNITS);
            assert!(!message.contains("<script>"), "user text reached HTML unescaped");
        }
    }
    // Query syntax is read as words: "-mlops +salary" asks for the MLOps salary.
    assert_eq!(engine().answer("-mlops +salary").title, "MLOps Engineer: salary");
    assert!(engine().answer("ml\u{200B}ops salary").answered);
}

#[test]
fn buttons_use_the_first_alias_of_the_vocabulary_and_resolve_back() {
    let commands: Vec<String> =
        engine().answer("/salary senior").actions.into_iter().map(|a| a.command).collect();
    assert_eq!(commands, ["/salary junior", "/salary mid", "/salary staff", "/salary ai research scientist"]);
    for action in engine().answer("/roles").actions.into_iter().chain(engine().answer("/salary").actions) {
        assert!(engine().answer(&action.command).answered, "{} does not answer", action.command);
    }
}
