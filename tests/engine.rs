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

/// Asserts that each question's reply has its title.
fn assert_titles(cases: &[(&str, &str)]) {
    for &(question, title) in cases {
        assert_eq!(engine().answer(question).title, title, "{question}");
    }
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
fn a_line_break_inside_a_command_is_a_space() {
    let answer = engine().answer("/role machine\nlearning  engineer");
    assert_eq!(answer.title, "Machine Learning Engineer");
    // An argument shown back is shown on one line.
    assert!(
        reply("/role dentist\n\nplease").contains("“dentist please”"),
        "{}",
        reply("/role dentist\n\nplease")
    );
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
fn an_education_question_a_common_question_answers_beyond_the_roles_field_gets_that_answer() {
    let how_long =
        "ai-career-paths-2026/frequently-asked-questions/how-long-does-it-take-to-become-an-ai-engineer";
    // Bootcamps are in the FAQ's answer, not in the ML engineer's education.
    assert_eq!(
        best_id("bootcamp vs masters - which do big tech companies prefer for ml engineering?"),
        how_long
    );
    // Nothing beyond the field: the field answers.
    assert_eq!(
        engine().answer("what degree do ml engineers need").title,
        "Machine Learning Engineer: Education"
    );
    // A word for any job is no topic the field lacks.
    assert_eq!(
        best_id(
            "i only have a bachelors in computer science, can i still get hired as an ML engineer or do all companies want a masters now"
        ),
        "ai-career-paths-2026/machine-learning-engineer"
    );
}

#[test]
fn a_part_asked_of_a_role_found_by_search_answers_when_its_field_holds_what_is_asked() {
    // The MLOps engineer is not named, but its skills list model monitoring and deployment.
    let asked = "I'm a software engineer at a startup, backend mostly. My manager says our company needs \
                 someone to own model deployment and monitoring. What skills would I need to pick up for that kind of role?";
    assert_eq!(engine().answer(asked).title, "MLOps Engineer: Key Skills");
    // One word of a role's field is no sign the question is about that role.
    assert_eq!(
        best_id("which python libs should i learn for machine learning"),
        "how-to-become-an-ai-ml-engineer/essential-skills/python"
    );
}

#[test]
fn a_role_part_asked_about_what_only_the_roles_introduction_says_shows_the_introduction_too() {
    // "healthcare" is in the Computer Vision Engineer's introduction, not in its employers.
    let hires = engine().answer("who hires cv engineers in healthcare?");
    assert_eq!(hires.title, "Computer Vision Engineer: Top Employers");
    let text = render_plain(&hires);
    assert!(text.contains("healthcare") && text.contains("Waymo"), "{text}");
    // An industry in other words: factories are the introduction's manufacturing.
    let factories = render_plain(&engine().answer("do factories hire computer vision engineers"));
    assert!(factories.contains("manufacturing") && factories.contains("Waymo"), "{factories}");
    // Asked about nothing beyond the part, the part alone; so is the command.
    for plain in ["which companies hire cv engineers", "/employers cv"] {
        let text = render_plain(&engine().answer(plain));
        assert!(text.contains("Waymo") && !text.contains("healthcare"), "{plain}: {text}");
    }
}

#[test]
fn pronouns_family_and_everyday_words_say_nothing_about_the_subject() {
    // Someone asking for a son or a colleague: the answer is the one for the question alone.
    for question in ["do i need a phd", "how long are bootcamps", "is a masters worth it", "ml engineer pay"]
    {
        let alone = engine().answer(question);
        // A word the guide lacks after "my" is the asker's own: "my teacher told me".
        let preambles = [
            "for my son, he asks",
            "my daughter wants to know",
            "asking for them:",
            "her question:",
            "my teacher told me to ask:",
            "our stepdad heard",
        ];
        // Everyday words and numbers in words say nothing either.
        for about in preambles.into_iter().chain([
            "after two weird months,",
            "everyone is convinced and insists,",
            "overall, from home,",
        ]) {
            let asked = engine().answer(&format!("{about} {question}"));
            assert_eq!((asked.answered, &asked.title), (alone.answered, &alone.title), "{about} {question}");
        }
    }
    // Asking for it "in plain english" or "eli5" asks for the same answer.
    for asked in ["data scientist in plain english", "whats an ML engineer in plain english?"] {
        assert!(engine().answer(asked).answered, "{asked}");
    }
    // "like i'm 5" is no level's years.
    assert_eq!(
        best_id("explain what a machine learning engineer is like im 5"),
        "ai-career-paths-2026/machine-learning-engineer"
    );
    // "focus on" is how people ask what to learn first, not a word of the subject.
    assert_eq!(
        best_id("which math topics should i focus on first"),
        "how-to-become-an-ai-ml-engineer/essential-skills/mathematics"
    );
    // Not the asker's, it is the subject.
    assert!(!engine().answer("how much do ml professors make").answered);
    assert!(!engine().answer("do ml stepdads need a phd").answered);
}

#[test]
fn a_role_named_by_a_word_of_its_alias_answers_its_part() {
    // "infra" is a word of the MLOps Engineer's aliases "ml infra" and "ml infrastructure".
    let answer = engine().answer("who looks after the infra around our models, and what should they know");
    assert_eq!(answer.title, "MLOps Engineer: Key Skills");
}

#[test]
fn a_word_of_a_roles_title_names_it_though_it_is_the_stem_of_a_title_head() {
    // "research" of "AI Research Scientist" shares its stem with the head "researcher".
    let answer = engine().answer("what skills for research at an AI lab");
    assert_eq!(answer.title, "AI Research Scientist: Key Skills");
    // An intern is a job of its own, which the guide gives no pay for.
    assert!(!engine().answer("how much do ai research interns get paid").answered);
}

#[test]
fn a_skill_the_roles_own_field_lacks_answers_from_the_group_that_holds_it() {
    // "experiment tracking" is in the MLOps skill group, not in the ML engineer's key skills.
    assert_eq!(
        best_id("does an ml engineer need experiment tracking skills"),
        "how-to-become-an-ai-ml-engineer/essential-skills/mlops"
    );
    // Skills the role's field lists, or none in particular, answer from the field.
    for own in
        ["does an ml engineer need docker skills", "what skills does an ml engineer need", "/skills mle"]
    {
        assert_eq!(engine().answer(own).title, "Machine Learning Engineer: Key Skills", "{own}");
    }
}

#[test]
fn how_long_an_education_path_takes_is_answered_by_the_path_that_states_it() {
    for (question, path) in [
        ("how long do ml bootcamps take", "ml-bootcamps"),
        ("how many years does a phd in ml take", "master-s-phd-in-cs-ml-or-statistics"),
        // A word asking how long is no subject the guide lacks, in a keyword query too.
        ("bootcamp length", "ml-bootcamps"),
    ] {
        assert_eq!(
            best_id(question),
            format!("how-to-become-an-ai-ml-engineer/education-requirements/{path}")
        );
    }
    // Without a path named, the FAQ on timelines answers; "cs" is in two paths' titles and
    // names neither.
    for question in [
        "how long does it take to become an ml engineer",
        "how many years until i'm an ml engineer if i have a cs degree already?",
    ] {
        assert_eq!(
            best_id(question),
            "ai-career-paths-2026/frequently-asked-questions/how-long-does-it-take-to-become-an-ai-engineer"
        );
    }
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
fn two_passages_that_answer_together_where_neither_does_alone_are_shown_together() {
    let answer = engine().answer("bootcamp route vs going fully self-taught — how do they differ?");
    assert!(answer.answered, "{}", render_plain(&answer));
    let cited: Vec<&str> = answer.used.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        cited,
        [
            "how-to-become-an-ai-ml-engineer/education-requirements/self-taught-path",
            "how-to-become-an-ai-ml-engineer/education-requirements/ml-bootcamps"
        ]
    );
    let shown = render_plain(&answer);
    assert!(shown.contains("exceptional discipline") && shown.contains("3-6 months"), "{shown}");
    // A lesson on two subjects is still no career question.
    assert!(!engine().answer("explain backpropagation and gradient descent").answered);
}

#[test]
fn a_question_about_the_guide_itself_gets_its_documents_and_their_sections() {
    let cited = |text: &str| -> Vec<String> {
        let answer = engine().answer(text);
        assert!(answer.answered, "{text}: {}", render_plain(&answer));
        answer.used.iter().map(|u| u.id.clone()).collect()
    };
    // No document named: both, each with its sections.
    let both = ["ai-career-paths-2026", "how-to-become-an-ai-ml-engineer"];
    assert_eq!(cited("what does the guide cover?"), both);
    // Though every word is one of a greeting's.
    assert_eq!(cited("what can this bot tell me about?"), both);
    // Asked of the bot as "you".
    assert_eq!(cited("what topics do you cover?"), both);
    assert_eq!(cited("what can u help me with? what topics do you know about"), both);
    assert_eq!(engine().answer("what can you help me with").title, engine().answer("/start").title);
    let shown = reply("whats in this guide");
    assert!(shown.contains("Sections: Machine Learning Engineer, AI Research Scientist"), "{shown}");
    assert!(shown.contains("Essential Skills, Salary Range, Career Progression"), "{shown}");
    // The document the question names most, though it lists many topics.
    assert_eq!(
        cited(
            "whats in the guide on becoming an ml engineer? does it go over python, math, pay and career path"
        ),
        ["how-to-become-an-ai-ml-engineer"]
    );
    assert_eq!(cited("what topics does the career paths document cover"), ["ai-career-paths-2026"]);
    // What the bot "knows about" is what it covers, not a skill asked: here the career tracks,
    // which the overview of the career paths document names.
    assert_eq!(cited("what ai career tracks does this bot know about"), ["ai-career-paths-2026"]);
    // Naming a document is asking for it.
    assert_eq!(cited("full guide to becoming an ai/ml engineer pls"), ["how-to-become-an-ai-ml-engineer"]);
    // "full" of "full guide" is no topic asked.
    assert_eq!(
        cited("is there a full guide here on becoming an AI/ML engineer? what's in it"),
        ["how-to-become-an-ai-ml-engineer"]
    );
    // One or two topics asked of the guide are asked about themselves.
    assert_eq!(
        best_id("does the guide cover bootcamps"),
        "how-to-become-an-ai-ml-engineer/education-requirements/ml-bootcamps"
    );
    assert_eq!(
        engine().answer("what does the guide say about data scientist salaries").title,
        "Data Scientist: salary"
    );
    // A thing the guide only lists is answered when asked of the guide, as it is not when
    // asked alone (a lesson, or a word met in passing).
    assert_eq!(
        best_id("does your guide say anything about hugging face?"),
        "ai-career-paths-2026/nlp-engineer-llm-engineer"
    );
    assert!(!engine().answer("hugging face?").answered);
}

#[test]
fn the_day_in_the_life_is_the_ml_engineers_day_not_another_roles() {
    let day = "how-to-become-an-ai-ml-engineer/day-in-the-life";
    assert_eq!(best_id("what does a typical day look like for an ml engineer"), day);
    assert_eq!(best_id("what does a typical day look like"), day);
    assert_eq!(best_id("what does an mle check first thing in the morning"), day);
    assert_eq!(best_id("what does an mle do in the afternoon"), day);
    // A greeting is no time of the day.
    assert_eq!(engine().answer("good afternoon! what does a data scientist do").title, "Data Scientist");
    // "All day" is the job, not its schedule.
    assert_eq!(
        best_id("wat does an ML engineer actualy do?? is it just training models in notebooks all day"),
        "ai-career-paths-2026/machine-learning-engineer"
    );
    // The guide it comes from is about ML engineers; another role's day is its section.
    assert_eq!(
        best_id("im retired and just curious, what do those AI research scientists do all day"),
        "ai-career-paths-2026/ai-research-scientist"
    );
}

#[test]
fn two_salary_levels_answer_side_by_side() {
    for (text, title, figures) in [
        (
            "junior vs senior pay",
            "Junior ML Engineer vs Senior ML Engineer: salary",
            ["$100,000", "$190,000"],
        ),
        // A role titled as a level ("research scientist") is that level's row.
        (
            "staff mle vs research scientist, who makes more",
            "Staff ML Engineer vs AI Research Scientist: salary",
            ["$250,000", "$200,000"],
        ),
        // Levels of the one role the question names: the role's range and every row; a role
        // named only inside a level's name is no role apart.
        (
            "ml engineer pay from junior up to staff",
            "Machine Learning Engineer: salary",
            ["$120k", "$140,000"],
        ),
        (
            "junior vs senior ml engineers pay gap?",
            "Junior ML Engineer vs Senior ML Engineer: salary",
            ["$100,000", "$190,000"],
        ),
        // Nor right after one ("mid level ml eng").
        (
            "mid level ml eng vs senior, how big is the pay jump",
            "ML Engineer vs Senior ML Engineer: salary",
            ["$140,000", "$190,000"],
        ),
    ] {
        let answer = engine().answer(text);
        let shown = render_plain(&answer);
        assert_eq!(answer.title, title, "{text}");
        assert!(figures.iter().all(|f| shown.contains(f)), "{text}: {shown}");
    }
    // Years stated are no second level.
    assert_eq!(
        engine().answer("5 years of phd to be a research scientist, what does it pay").title,
        "AI Research Scientist: salary"
    );
}

#[test]
fn years_of_experience_pick_the_salary_row_whose_years_cover_them() {
    for (text, row) in [
        ("what do MLEs with 6 years of experience make", "salary-range/senior-ml-engineer"),
        ("salary after 1 year as a machine learning engineer", "salary-range/junior-ml-engineer"),
        ("ml eng pay, 3yoe", "salary-range/ml-engineer"),
        // A range starts where the table's rows start.
        ("what do ml engineers with 5-8 years experience make", "salary-range/senior-ml-engineer"),
        ("mle salary, 2 to 5 years in", "salary-range/ml-engineer"),
    ] {
        assert!(best_id(text).ends_with(row), "{text}: {}", best_id(text));
    }
    // The table is of ML engineers: another role's salary answers from that role.
    assert_eq!(best_id("data scientist with 6 years salary"), "ai-career-paths-2026/data-scientist");
}

#[test]
fn a_level_without_a_salary_word_answers_from_its_career_ladder_step() {
    for (text, step) in [
        ("what does a senior ml engineer do", "career-progression/4-senior-ml-engineer-5-years"),
        ("junior mle duties", "career-progression/2-junior-ml-engineer-1-3-years"),
        // A level's day is its step's work; the day in the life is no level's.
        ("what's a normal day like for a senior mle", "career-progression/4-senior-ml-engineer-5-years"),
        ("what does an ml engineer do day to day", "day-in-the-life"),
        ("what's next after a junior ML engineer?", "career-progression/3-ml-engineer-3-5-years"),
        // Years that name the level, when the search finds the level's own step first.
        ("responsibilities once youre 5+ yrs in ml eng?", "career-progression/4-senior-ml-engineer-5-years"),
        // Words beyond the names, when the search finds nothing more than a name either.
        (
            "what is a staff ml engineer actually doing in the job",
            "career-progression/5-staff-research-scientist-8-years",
        ),
        (
            "tasks of a mid-level machine learning engineer with 4 years in",
            "career-progression/3-ml-engineer-3-5-years",
        ),
        // Years of experience name the level.
        ("an mle with 1 yoe: what is the job like", "career-progression/2-junior-ml-engineer-1-3-years"),
    ] {
        assert!(best_id(text).ends_with(step), "{text}: {}", best_id(text));
    }
    assert!(best_id("what does a senior ml engineer earn").ends_with("salary-range/senior-ml-engineer"));
    // The ladder ends at staff; what comes after is in the role's own progression.
    let after = engine().answer("what comes after staff ml engineer");
    assert_eq!(after.title, "Machine Learning Engineer: Career Progression");
    assert!(render_plain(&after).contains("Director of ML"));
    // Two levels: their steps side by side, in the order the question names them.
    let two = engine().answer("what do senior ml engineers do differently from mid level");
    assert_eq!(two.title, "Senior ML Engineer vs ML Engineer: career ladder");
    let cited: Vec<&str> = two.used.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        cited,
        [
            "how-to-become-an-ai-ml-engineer/career-progression/4-senior-ml-engineer-5-years",
            "how-to-become-an-ai-ml-engineer/career-progression/3-ml-engineer-3-5-years"
        ]
    );
    // A role's ladder asked from a level is the role's progression, every step of it.
    let ladder = engine().answer("junior mle -> ??? -> director, what's the promotion ladder");
    assert_eq!(ladder.title, "Machine Learning Engineer: Career Progression");
    // Unless the search finds the level's own step first.
    assert!(
        best_id("at the very top of the mle ladder (8+ yrs) do people publish papers?")
            .ends_with("career-progression/5-staff-research-scientist-8-years")
    );
    // Without a role, the level's step answers.
    assert!(
        best_id("career progression for senior engineers")
            .ends_with("career-progression/4-senior-ml-engineer-5-years")
    );
}

#[test]
fn two_roles_named_together_answer_from_the_passage_about_both() {
    let faq = "ai-career-paths-2026/frequently-asked-questions/what-is-the-difference-between-a-data-scientist-and-a-machine-learning-engineer";
    for text in ["ds vs mle - which one?", "should I be a data scientist or a machine learning engineer"] {
        assert_eq!(best_id(text), faq, "{text}");
    }
    // No passage is about NLP and computer vision together.
    assert_ne!(best_id("nlp engineer or cv engineer?"), faq);
    // A degree asked of one role, named by the other's name ("an MS in data science"): the
    // role whose education field names the other.
    let masters = engine().answer("which master's should a future ml eng do? ms in ml or data science?");
    assert_eq!(masters.title, "Machine Learning Engineer: Education");
    let prep = "is an MS in data science decent prep for machine learning engineering or do i need one in ML";
    assert_eq!(engine().answer(prep).title, "Machine Learning Engineer: Education");
    // "an MS" asks for the education, as "a master's" does.
    assert_eq!(engine().answer("is an ms enough for data science").title, "Data Scientist: Education");
    // Three named: the common question whose answer speaks of each.
    assert_eq!(
        best_id(
            "Which specialisation in AI is safest bet for career in 2026? I am confused between nlp, cv and mlops"
        ),
        "ai-career-paths-2026/frequently-asked-questions/which-ai-specialization-has-the-best-job-prospects"
    );
    // Their pay compared: the passage about both, else the role whose pay speaks of the other,
    // else each one's pay side by side.
    assert_eq!(best_id("ds vs mle salary, which is higher"), faq);
    let mlops = engine().answer("mlops pay vs regular ml eng, is it lower?");
    assert_eq!(mlops.title, "MLOps Engineer: salary");
    assert!(render_plain(&mlops).contains("converged toward ML Engineering"));
    let both = engine().answer("nlp vs cv engineer, which one pays more?");
    assert_eq!(both.title, "NLP Engineer / LLM Engineer vs Computer Vision Engineer: salary");
    let plain = render_plain(&both);
    assert!(plain.contains("$120k–$300k+") && plain.contains("$120k–$280k+"), "{plain}");
    let used: Vec<&str> = both.used.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        used,
        ["ai-career-paths-2026/nlp-engineer-llm-engineer", "ai-career-paths-2026/computer-vision-engineer"]
    );
}

#[test]
fn a_passage_on_the_very_thing_asked_beats_the_roles_own_field() {
    // An education question about a role, but about one path: the self-taught path's passage.
    let path = "how-to-become-an-ai-ml-engineer/education-requirements/self-taught-path";
    assert_eq!(best_id("could an mle be entirely self taught, with no degree?"), path);
    // Teaching oneself, whoever it is, is the self-taught path.
    assert_eq!(best_id("what's the route for someone teaching themselves ML?"), path);
    // Words of another role's name ("data") in the passage's title still say what is asked.
    let data = "how-to-become-an-ai-ml-engineer/essential-skills/data-engineering";
    assert_eq!(best_id("do ml engineers need data engineering skills like spark"), data);
    // A group of skills is more specific than a role's education too: school maths is the maths.
    let math = "how-to-become-an-ai-ml-engineer/essential-skills/mathematics";
    assert_eq!(best_id("is school math enough for an ml engineer"), math);
    // Not when only the asker's story names it.
    let answer =
        engine().answer("which diploma do ml engineers need? i am from france, i have a licence in maths");
    assert_eq!(answer.title, "Machine Learning Engineer: Education");
    // Not when the role's own field holds what the path's title names: "cs" is in MLOps' education.
    assert_eq!(
        engine().answer("could i get into mlops without a cs masters").title,
        "MLOps Engineer: Education"
    );
    // Asked about the role's education in general, the role's own field answers.
    let answer = engine().answer("what education does an ml engineer need");
    assert_eq!(answer.title, "Machine Learning Engineer: Education");
    // A word for any job is nothing beyond the role: "roles" of "research-heavy roles".
    let answer = engine().answer("which education do ml engineering roles usually ask for");
    assert_eq!(answer.title, "Machine Learning Engineer: Education");
}

#[test]
fn a_long_message_is_answered_from_its_question_sentence() {
    // The whole message is mostly the asker's life, which no passage covers.
    let story = "I did a degree in history and worked in retail for years, mostly weekends. \
                 My family thinks it is too late. How many years until I could work as an AI engineer?";
    let faq =
        "ai-career-paths-2026/frequently-asked-questions/how-long-does-it-take-to-become-an-ai-engineer";
    assert_eq!(best_id(story), faq);
    // A question sentence that refers back ("that") is asked with the sentence before it.
    let story = "Long story: I studied biology and spent years in a lab, then some stats. \
                 Now I want to work on medical imaging with AI. What kind of role is that?";
    assert_eq!(best_id(story), "ai-career-paths-2026/computer-vision-engineer");
    // In a chat a line break often ends a sentence.
    let story = "did a degree in history, worked in retail for years, mostly weekends\n\
                 my family thinks it is too late\nhow many years until I could work as an AI engineer";
    assert_eq!(best_id(story), faq);
    // Only the last few question sentences are asked on their own.
    let many = format!("What does an MLOps engineer do? {}", "Do they need a visa? ".repeat(3));
    assert!(!engine().answer(&many).answered, "{}", reply(&many));
    let few = format!("What does an MLOps engineer do? {}", "Do they need a visa? ".repeat(2));
    assert_eq!(best_id(&few), "ai-career-paths-2026/mlops-engineer");
    // A story around a question the guide does not cover still declines.
    let story = "I work in retail. I like computers. What is the best pizza in Naples?";
    assert!(!engine().answer(story).answered, "{}", reply(story));
}

#[test]
fn a_subject_the_guide_never_covers_declines_though_the_rest_is_the_guides() {
    for (off_topic, in_scope) in [
        ("can i get an h1b visa as an ml engineer", "can i get a job as an ml engineer"),
        ("how much do data scientists make in london", "how much do data scientists make"),
        ("how do i negotiate my ml engineer offer", "what does an ml engineer do"),
        // A phrase of the list, not its words one by one: "raise" alone is no pay rise.
        ("how do i ask for a raise as a data scientist", "will a masters raise my pay as a data scientist"),
        ("mlops engineer interview questions", "mlops engineer skills"),
        ("is remote work common for computer vision engineers", "who hires computer vision engineers"),
        ("will ai replace data scientists", "will a masters help data scientists"),
        // Jobs being replaced are off topic; a degree being replaced is the guide's "substitute".
        ("is ai going to replace accountants", "can kaggle competitions replace a degree for ml jobs"),
        ("how do i get an H-1B as an ml engineer", "how do i get hired as an ml engineer"),
        ("is it ok to counter an ai pm offer with a competing one", "is an ai pm a good job"),
        ("is mlops currently hiring", "which companies hire mlops engineers"),
        ("do cv engineers in defense need a security clearance", "do cv engineers need a phd"),
        ("how many hours a week do ml engineers work", "what do ml engineers do all day"),
        (
            "is the springboard bootcamp refundable if i don't land a job?",
            "how much is the springboard bootcamp",
        ),
        ("give me some ml portfolio project ideas", "do portfolio projects count for ml jobs"),
        (
            "how do i pass the aws machine learning engineer cert",
            "how do i become a machine learning engineer",
        ),
        (
            "what should i ask in a phone screen for a data scientist role",
            "what should a data scientist know",
        ),
        ("how does openai's hiring process work", "who hires nlp engineers"),
        (
            "which job boards are best for ML engineer openings",
            "which ai specialization has the most openings",
        ),
        (
            "how do I get the EU Blue Card as an ML engineer and how long does it take?",
            "how long does it take to become an ml engineer",
        ),
        ("did anthropic release a new claude model this week", "what does an llm engineer do"),
        ("are there jobs in ai music generation? i'm a composer", "are there ai jobs in healthcare?"),
        ("is my phd stipend taxable?", "how much is a phd stipend?"),
        ("how do i explain a career gap on my cv for ml jobs", "what does a cv engineer need to know"),
        // Asked in one sentence, another sentence does not answer instead.
        (
            "How do I get a work visa for Canada as an AI engineer? Which papers do I need?",
            "I got laid off last month. Which papers should an ML engineer read?",
        ),
    ] {
        assert!(!engine().answer(off_topic).answered, "{off_topic}: {}", reply(off_topic));
        assert!(engine().answer(in_scope).answered, "{in_scope}: {}", reply(in_scope));
    }
}

#[test]
fn a_subject_the_guide_never_covers_in_an_aside_about_the_asker_does_not_decline() {
    let languages =
        "ai-career-paths-2026/frequently-asked-questions/what-programming-languages-do-ai-engineers-use";
    assert_eq!(best_id("what programming languages do i need for ai, i'm from nigeria"), languages);
    // "to do" asks nothing: the clause only tells what the asker heard.
    assert_eq!(
        best_id("my teacher says you need a phd to do anything in AI, is that true"),
        "ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai"
    );
    assert_eq!(
        best_id("i'm from nigeria (no degree yet). what programming languages do i need for ai?"),
        languages
    );
    assert_eq!(
        best_id(
            "i cannot tell them apart on resumes, what's the difference between a data scientist and an ml engineer"
        ),
        "ai-career-paths-2026/frequently-asked-questions/what-is-the-difference-between-a-data-scientist-and-a-machine-learning-engineer"
    );
    // "As a …," introduces the asker; "curious" is an everyday word.
    let prospects =
        "ai-career-paths-2026/frequently-asked-questions/which-ai-specialization-has-the-best-job-prospects";
    for question in [
        "As a pharmacist, is healthcare a growing area for AI jobs?",
        "As a nurse, I'm curious whether healthcare is a growing area for AI jobs",
    ] {
        assert_eq!(best_id(question), prospects, "{question}");
    }
    // A dash ends an aside as a comma does.
    assert_eq!(
        best_id("im a journalist on deadline — what does a machine learning engineer actually do?"),
        "ai-career-paths-2026/machine-learning-engineer"
    );
    // The clause that asks, a clause not about the asker, or a message that asks nothing.
    for off_topic in [
        "i'm from nigeria, can i get a visa as an ml engineer",
        "o-1 visa for ai research scientists, possible?",
        "i want to negotiate my ml engineer offer",
        "what programming languages do i need for ai, visa sponsors want python",
    ] {
        assert!(!engine().answer(off_topic).answered, "{off_topic}: {}", reply(off_topic));
    }
}

#[test]
fn a_part_of_a_role_or_years_told_in_an_aside_are_not_what_is_asked() {
    // "earn" is in the aside; what is asked is what they do.
    assert_eq!(
        engine().answer("my brother says data scientists earn a lot, but what do they actually do").title,
        "Data Scientist"
    );
    assert_eq!(engine().answer("my brother says data scientists earn a lot").title, "Data Scientist: salary");
    // The asker's story is no part of what is measured as unknown to the guide.
    assert_eq!(
        best_id("gamer here lol, is the ai engineer job just coding all day? walk me thru a normal day"),
        "how-to-become-an-ai-ml-engineer/day-in-the-life"
    );
    // "learn" names the skills, not the Machine Learning Engineer; the next passage that answers does.
    assert_eq!(
        best_id("which python libs should i learn for machine learning"),
        "how-to-become-an-ai-ml-engineer/essential-skills/python"
    );
    // "how much" of "how much math" asks for no pay.
    assert_eq!(
        best_id("how much math does a data scientist need"),
        "how-to-become-an-ai-ml-engineer/essential-skills/mathematics"
    );
    assert_eq!(engine().answer("how much is a senior mle").title, "Senior ML Engineer: salary");
    // "know" of "want to know" asks for no skills.
    assert_eq!(
        engine()
            .answer(
                "which companies are known for strong mlops teams? want to know where to source candidates"
            )
            .title,
        "MLOps Engineer: Top Employers"
    );
    // "X here" introduces the asker: "phd" there asks for no education.
    let intro = "physics phd here (condensed matter). what does an ai research scientist actually do and where do they usually work?";
    assert_eq!(engine().answer(intro).title, "AI Research Scientist");
    // A degree named asks about education.
    assert_eq!(
        engine().answer("do data scientists need a masters or is a bachelors w/ a good portfolio ok").title,
        "Data Scientist: Education"
    );
    // The asker's years are their level when they ask about pay.
    assert_eq!(
        engine().answer("i have 6 years as an mle, what should i be making").title,
        "Senior ML Engineer: salary"
    );
    // "exp" is the asker's experience, not a subject the guide lacks.
    assert_eq!(engine().answer("7 yrs exp in ml, what's the usual comp").title, "Senior ML Engineer: salary");
}

#[test]
fn a_part_of_a_role_asked_in_other_words_answers_from_that_field() {
    // A diploma is a degree: the role's education.
    assert_eq!(engine().answer("which diploma do data scientists need").title, "Data Scientist: Education");
    // The guide names no employers for ML engineers, and says so.
    let employs = engine().answer("who employs ML engineers");
    assert_eq!(employs.title, "Machine Learning Engineer");
    assert!(render_plain(&employs).contains("doesn't give top employers"));
    // A passage found that holds what else is asked answers instead.
    assert_eq!(
        best_id("is ML engineering a field companies are racing to hire for?"),
        "how-to-become-an-ai-ml-engineer/why-ai-ml-engineering"
    );
    assert!(!engine().answer("which companies hire machine learning engineers").answered);
    // Research scientists have no employers field either, but their introduction says where
    // they work ("work at AI labs").
    let employs = engine().answer("who employs AI researchers");
    assert!(employs.answered && employs.title == "AI Research Scientist", "{}", render_plain(&employs));
    assert!(render_plain(&employs).contains("Meta AI"));
    // The introduction also answers when it holds what the question asks about: "labs".
    let labs = engine().answer("which labs hire ai research scientists");
    assert!(labs.answered && labs.title == "AI Research Scientist", "{}", render_plain(&labs));
    let labs = render_plain(&labs);
    assert!(labs.contains("Google DeepMind") && !labs.contains("Key Skills"), "{labs}");
    // "what makes it attractive" asks for no pay.
    let attractive =
        "is switching into ml engineering worth it? what makes it attractive compared with other tech jobs?";
    assert_eq!(engine().answer(attractive).title, "Why AI/ML Engineering");
    for (text, title) in [
        // A "rung" is a step of the ladder; the "market rate" is the pay.
        ("after staff / principal mle what's the next rung", "Machine Learning Engineer: Career Progression"),
        ("what's the market rate for a data scientist", "Data Scientist: salary"),
        // "requirements" alone asks for skills; "education requirements" for education.
        ("research scientist education requirements", "AI Research Scientist: Education"),
    ] {
        assert_eq!(engine().answer(text).title, title, "{text}");
    }
    let making = reply("what should an mlops engineer be making");
    assert!(making.starts_with("MLOps Engineer: salary") && making.contains("$110k–$270k+"), "{making}");
    // Working "at a company" asks for no employers.
    let at_work = engine().answer("what does a data scientist do at a company");
    assert!(at_work.answered && at_work.title == "Data Scientist", "{at_work:?}");
}

#[test]
fn a_salary_asked_with_an_overviews_title_words_answers_from_that_overview() {
    // "short version" is the quick answer's title ("tl;dr", "in short" are too), which states pay.
    let short = "in short, what does it take to become an ml engineer and what does it pay";
    assert_eq!(best_id(short), "how-to-become-an-ai-ml-engineer/quick-answer");
    // So with a salary level: "tl;dr" is the quick answer too, which gives senior pay.
    assert_eq!(engine().answer("tl;dr what's the senior pay").title, "Quick Answer");
    assert_eq!(engine().answer("senior salary").title, "Senior ML Engineer: salary");
    // Asked for pay and nothing else, the role's own range; a stop word names no figure in prose.
    for plain in ["what does an ml engineer earn", "what does an ml engineer do and what does it pay"] {
        assert_eq!(best_id(plain), "ai-career-paths-2026/machine-learning-engineer", "{plain}");
    }
}

#[test]
fn a_documents_introduction_gives_way_to_its_passage_on_the_subject() {
    // The introduction's title names "AI/ML Engineer" and "Career"; the passage on why people
    // go into the field covers the question as well and its title names the subject.
    // The guide's year is no subject: every passage is about 2026.
    let year = "is ai/ml engineering a good career choice in 2026";
    // Asking why to go into it, or whether it is worth switching, is asking the same.
    // "Why" is a word of the passage's title, not only of the question's form.
    for why in [
        "why get into ai ml engineering at all",
        "is a move to ml engineering worth the switch",
        "why is everyone and their mom going into ml engineering",
        // Why companies hire them is why the field is worth it, not who employs them.
        "what's the deal with genai — why are companies hiring ml engineers like crazy",
    ] {
        assert_eq!(best_id(why), "how-to-become-an-ai-ml-engineer/why-ai-ml-engineering", "{why}");
    }
    for question in ["is ai ml engineering a great career", "is ai/ml engineering a good career choice", year]
    {
        assert_eq!(best_id(question), "how-to-become-an-ai-ml-engineer/why-ai-ml-engineering", "{question}");
    }
    // Asked about the guide itself, the introduction answers.
    assert_eq!(
        best_id("complete career guide to becoming an ai engineer"),
        "how-to-become-an-ai-ml-engineer"
    );
}

#[test]
fn a_price_is_never_shown_as_a_salary() {
    // The bootcamps passage names "Springboard ML Engineering ($17,000)": a price, not pay.
    for text in ["/salary mle", "ml engineer salary", "/salary ml engineer"] {
        let reply = reply(text);
        assert!(reply.contains("$1"), "{text}: {reply}");
        assert!(!reply.contains("17,000"), "{text}: {reply}");
    }
}

#[test]
fn a_role_salary_asked_for_something_a_figure_in_prose_names_answers_from_that_prose() {
    // The Quick Answer states "FAANG AI roles: $200,000-$500,000+ total comp".
    let reply = reply("what do ML engineers make at FAANG?");
    assert!(reply.contains("$200,000-$500,000+"), "{reply}");
    assert_eq!(
        best_id("what do ML engineers make at FAANG?"),
        "how-to-become-an-ai-ml-engineer/quick-answer"
    );
    // Though words many passages hold ("ai", "engineers", "pay") outweigh "faang" at first.
    assert_eq!(
        best_id("what does faang pay for ai engineers"),
        "how-to-become-an-ai-ml-engineer/quick-answer"
    );
    // Asked with nothing more specific, the role's own salary answers.
    assert_eq!(
        engine().answer("what do ML engineers make in total comp").title,
        "Machine Learning Engineer: salary"
    );
}

#[test]
fn how_long_is_answered_by_a_passage_that_states_a_length_of_time() {
    // The bachelor's path matches best but states no length; the FAQ on how long it takes does.
    let how_long =
        "ai-career-paths-2026/frequently-asked-questions/how-long-does-it-take-to-become-an-ai-engineer";
    assert_eq!(best_id("got my cs bachelors last year, how fast can i become an ml engineer"), how_long);
    assert_eq!(best_id("bachelor's in cs done, quickest route into ml engineering?"), how_long);
    assert_eq!(
        best_id("what does a bachelor's in cs plus self-study involve"),
        "how-to-become-an-ai-ml-engineer/education-requirements/bachelor-s-in-cs-self-study"
    );
    // A level named: its own step.
    assert_eq!(
        best_id("how many yrs till senior ml engineer usually"),
        "how-to-become-an-ai-ml-engineer/career-progression/4-senior-ml-engineer-5-years"
    );
    // Nothing found states how long: the guide does not say, though it names the course.
    for question in
        ["how long are andrew ng's coursera courses", "how many hours a week is the fast.ai course"]
    {
        assert!(!engine().answer(question).answered, "{question}");
    }
}

#[test]
fn a_question_about_a_price_is_answered_only_by_a_stated_price() {
    let bootcamps = "how-to-become-an-ai-ml-engineer/education-requirements/ml-bootcamps";
    // Asked with its length too, the path stating both answers.
    for text in [
        "what's the price of an ml bootcamp",
        "can I afford a bootcamp?",
        "how long is an ml bootcamp and what does it cost",
    ] {
        assert_eq!(best_id(text), bootcamps, "{text}");
    }
    // Only what it prices: Springboard has a figure and Insight is free; BrainStation, named
    // beside them, has no price.
    for text in [
        "how much is springboard",
        "is the insight fellowship free?",
        // "Pay for" asks a price, though "pay" alone asks a salary.
        "insight data science fellowship - do you have to pay for it?",
    ] {
        assert_eq!(best_id(text), bootcamps, "{text}");
    }
    assert!(!engine().answer("how much does the brainstation bootcamp cost").answered);
    assert!(!engine().answer("do you have to pay for brainstation").answered);
    // The guide prices no degree; its salaries and stipends are no price.
    for text in ["what does a PhD in machine learning cost", "tuition fees for a masters in AI"] {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
    }
    // A price the asker can't afford, told beside the question, is no price asked.
    assert_eq!(
        best_id(
            "I finish my CS bachelor's soon and I can't afford a master's. Is self-study on the side enough to get hired?"
        ),
        "how-to-become-an-ai-ml-engineer/education-requirements/bachelor-s-in-cs-self-study"
    );
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
    let phd = "ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai";
    assert_eq!(best_id("do i need a phd"), phd);
    // "industry" is the FAQ's word ("AI industry roles"), not an everyday one.
    assert_eq!(best_id("phd or just a masters if i want an industry ml job and not research?"), phd);
    assert_eq!(
        best_id("what programming languages do AI engineers use"),
        "ai-career-paths-2026/frequently-asked-questions/what-programming-languages-do-ai-engineers-use"
    );
    // "work" and "year" are everyday words: the PhD FAQ's "work in AI" is no match.
    assert_eq!(
        best_id("which work can i do after a masters in ai next year"),
        "ai-career-paths-2026/frequently-asked-questions/what-jobs-can-i-get-with-a-master-s-in-ai"
    );
    // "grads" are the FAQ's graduates.
    assert_eq!(
        best_id("what jobs do ai masters grads get"),
        "ai-career-paths-2026/frequently-asked-questions/what-jobs-can-i-get-with-a-master-s-in-ai"
    );
    // Being employable is having job prospects.
    assert_eq!(
        best_id("which specialization makes me most employable"),
        "ai-career-paths-2026/frequently-asked-questions/which-ai-specialization-has-the-best-job-prospects"
    );
    // An area of AI is a specialization; the chance of a job is a prospect.
    assert_eq!(
        best_id("which area of ai gives me the best chance of a job"),
        "ai-career-paths-2026/frequently-asked-questions/which-ai-specialization-has-the-best-job-prospects"
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
        // School exams are admissions, which the guide does not cover.
        "which a levels do i need for a cs degree",
        "what sat score do i need for a cs degree",
    ] {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
        assert!(render_plain(&answer).contains("doesn't cover"));
        assert!(answer.actions.iter().any(|a| a.command == "/salary"));
    }
}

#[test]
fn jobs_the_guide_does_not_cover_are_declined_though_every_word_is_a_guide_word() {
    let pay = ["junior software engineer salary", "i am a data engineer, what is my salary"];
    let other_jobs = [
        "how much does a data engineer make",
        "how much do devops engineers earn",
        "data analyst salary",
        "how much do high school cs teachers earn",
        "I love working on AI products but I don't want to be a PM. Do AI companies hire UX designers and what do they pay them?",
    ];
    for text in other_jobs.into_iter().chain(pay) {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
    }
    // A covered title, misspelt or with a level before it, is still answered.
    assert_eq!(
        best_id("what do computer vison engineers do"),
        "ai-career-paths-2026/computer-vision-engineer"
    );
    assert!(reply("how much do senior engineers earn").contains("$190,000"));
    // The asker's own job is where they come from, unless they ask its pay.
    for background in
        ["i'm a software engineer, how do i get into ml", "as a devops engineer, which ai role fits me"]
    {
        assert_eq!(best_id(background), "ai-career-paths-2026/mlops-engineer", "{background}");
    }
    // "X here" introduces the asker too.
    assert_eq!(
        best_id("data engineer here, how much of my spark carries over to ml?"),
        "how-to-become-an-ai-ml-engineer/essential-skills/data-engineering"
    );
    assert!(!engine().answer("data engineer here, what's my salary").answered);
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
    // Asked within the guide's field, or whether it is needed, a passage that lists the word answers.
    let languages =
        "ai-career-paths-2026/frequently-asked-questions/what-programming-languages-do-ai-engineers-use";
    assert_eq!(best_id("does ML use SQL"), languages);
    assert_eq!(best_id("is python enough or will i need c++ too"), languages);
    assert!(!engine().answer("is python fun or is c++ fun").answered);
}

#[test]
fn a_part_of_a_role_the_question_does_not_name_is_not_given() {
    // The MLOps section mentions software engineers and Netflix, but its salary and skills are
    // an MLOps engineer's, not a software engineer's.
    for text in
        ["what do regular software engineers earn at netflix", "what skills do software engineers need"]
    {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
    }
    // A misspelt role is still the role, and two roles compared still answer.
    assert!(reply("machin lerning enginer salary").contains("Machine Learning Engineer"));
    assert!(engine().answer("do mlops engineers earn as much as ml engineers?").answered);
}

#[test]
fn a_named_role_is_never_answered_from_another_roles_section() {
    // The research scientist's section mentions math most, but the asker named a data scientist.
    let id = best_id("what math does a data scientist need");
    assert!(id.ends_with("essential-skills/mathematics") || id.ends_with("/data-scientist"), "{id}");
    // Nor is a passage about other roles; the named role's own section answers, however little
    // of the question it covers.
    let text =
        "what does a computer vision engineer do and how is that different from being a software engineer";
    assert_eq!(engine().answer(text).title, "Computer Vision Engineer");
    // When the passages found first are about other roles, the named role's own section answers.
    assert_eq!(
        best_id("can a software engineer become an ml engineer"),
        "ai-career-paths-2026/machine-learning-engineer"
    );
    // Nor an overview of becoming another: the quick answer is an ML engineer's.
    assert_eq!(best_id("ds role in a nutshell?"), "ai-career-paths-2026/data-scientist");
    assert_eq!(best_id("ml engineering in a nutshell"), "how-to-become-an-ai-ml-engineer/quick-answer");
    // Nor one about a role not asked: the DS-vs-MLE FAQ answers nothing about product managers.
    let asked = "what do pms and data scientists have in common";
    let id = best_id(asked);
    assert!(id.ends_with("/data-scientist") || id.ends_with("/ai-product-manager"), "{asked}: {id}");
    // Their pay compared is each one's own.
    assert_eq!(
        engine().answer("ds or ai pms, which pays more").title,
        "Data Scientist vs AI Product Manager: salary"
    );
    // "research" alone names no research scientist: ML engineers read papers too.
    assert_eq!(
        best_id("do ml engineers read research papers at work"),
        "how-to-become-an-ai-ml-engineer/day-in-the-life"
    );
    assert_eq!(best_id("what does an ai research role pay"), "ai-career-paths-2026/ai-research-scientist");
}

#[test]
fn a_word_for_any_job_beside_a_roles_name_still_asks_for_that_role() {
    for (text, role) in [
        ("what does an ml engineer really do? like what's the job", "machine-learning-engineer"),
        (
            "what does a computer vision engineer actually do, like what is the job",
            "computer-vision-engineer",
        ),
        ("an mlops engineer: what's the role about?", "mlops-engineer"),
    ] {
        assert_eq!(best_id(text), format!("ai-career-paths-2026/{role}"), "{text}");
    }
}

#[test]
fn misspelt_names_and_parts_are_found_as_if_spelt_right() {
    for (text, title) in [
        ("senior mle salery??", "Senior ML Engineer: salary"),
        ("data scientst educaton", "Data Scientist: Education"),
        ("what dose a computer vison enginer earn", "Computer Vision Engineer: salary"),
    ] {
        assert_eq!(engine().answer(text).title, title, "{text}");
    }
}

#[test]
fn an_everyday_word_a_synonym_replaced_weighs_as_little_as_everyday_words_do() {
    // "best grad schools" is the guide's "top programs"; its "best" is no match for the title
    // "Which AI specialization has the best job prospects?".
    assert_eq!(
        best_id("best grad schools for ml?"),
        "how-to-become-an-ai-ml-engineer/education-requirements/master-s-phd-in-cs-ml-or-statistics"
    );
}

#[test]
fn a_passage_holding_the_questions_words_side_by_side_ranks_higher() {
    // "staff / research" as the step "Staff/Research Scientist (8+ years)" has it, over the
    // research scientist's section, which holds "staff" nowhere near "research".
    assert_eq!(
        best_id(
            "Currently a senior ML engineer with 7 yoe. My manager says I should aim for the next level. \
             What does the work look like at the staff / research scientist level?"
        ),
        "how-to-become-an-ai-ml-engineer/career-progression/5-staff-research-scientist-8-years"
    );
}

#[test]
fn a_skill_named_in_the_guides_words_finds_the_group_that_lists_it() {
    // "tracking" of "experiment tracking" is the skill's own word, not "track" of "career track".
    for asked in ["experiment tracking tools for ml engineers?", "experiment tracking tools i should learn?"]
    {
        assert_eq!(best_id(asked), "how-to-become-an-ai-ml-engineer/essential-skills/mlops", "{asked}");
    }
}

#[test]
fn short_forms_of_the_guides_words_find_them() {
    // "org-wide" is the guide's "organizational": the staff step's "define organizational ML direction".
    assert_eq!(
        best_id("at what point do ML people start publishing papers and setting org-wide direction"),
        "how-to-become-an-ai-ml-engineer/career-progression/5-staff-research-scientist-8-years"
    );
}

#[test]
fn phd_students_pay_is_the_stipend_of_the_phd_path_not_a_research_scientists_salary() {
    let path = "how-to-become-an-ai-ml-engineer/education-requirements/master-s-phd-in-cs-ml-or-statistics";
    for asked in ["do phd students in ml get paid", "do phd students in ml get paid anything?? how much"] {
        let answer = engine().answer(asked);
        assert_eq!(answer.used.first().map(|u| u.id.as_str()), Some(path), "{asked}");
        assert!(render_plain(&answer).contains("$35,000-$50,000"), "{asked}");
    }
    assert_eq!(best_id("research scientist salary"), "ai-career-paths-2026/ai-research-scientist");
}

#[test]
fn two_roles_education_compared_is_answered_by_the_common_question_that_speaks_of_both() {
    let phd = "ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai";
    assert_eq!(best_id("research scientist vs ml engineer — which one needs the phd?"), phd);
    // One role's education is its own field.
    assert_eq!(
        engine().answer("does a research scientist need a phd").title,
        "AI Research Scientist: Education"
    );
}

#[test]
fn a_phrase_holding_a_level_name_without_naming_it_names_no_level() {
    // "mid" names the mid level, but a mid-size company or a mid-career switch does not.
    assert_eq!(engine().answer("mid level ml engineer salary").title, "ML Engineer: salary");
    for asked in [
        "our mid-size company wants to hire an ml engineer, what should we pay",
        "mid-career switcher here, what salary can an ml engineer expect",
    ] {
        assert_eq!(engine().answer(asked).title, "Machine Learning Engineer: salary", "{asked}");
    }
}

#[test]
fn a_part_holding_none_of_the_words_asked_gives_way_to_the_part_holding_them() {
    // "hire" asks for employers, but precision/recall and latency tradeoffs are the PM's skills.
    let asked = "when we hire an AI PM, do they need to understand precision/recall and latency tradeoffs?";
    assert_eq!(engine().answer(asked).title, "AI Product Manager: Key Skills");
    // A part asked that holds a word of the question stays the answer.
    assert_eq!(engine().answer("which companies hire AI PMs").title, "AI Product Manager: Top Employers");
}

#[test]
fn a_passage_titled_with_what_is_asked_answers_a_question_long_with_the_askers_story() {
    let asked = "Currently a data analyst, 1 year in, mostly SQL dashboards for the marketing team. \
                 Is that a normal first step toward ML engineering or am I off track?";
    assert_eq!(
        best_id(asked),
        "how-to-become-an-ai-ml-engineer/career-progression/1-data-analyst-scientist-0-2-years"
    );
    assert_eq!(
        best_id(
            "2nd yr stats student here - is data cleaning and feature engineering considered a core ml skill?"
        ),
        "how-to-become-an-ai-ml-engineer/essential-skills/data-engineering"
    );
}

#[test]
fn a_part_of_a_role_comes_with_the_introduction_when_that_speaks_of_it() {
    // The AI PM's introduction says generic PM skills don't transfer; the other roles' say
    // nothing of skills.
    let pm = reply("could a regular product manager switch to AI PM with the skills they have?");
    assert!(pm.contains("Key Skills") && pm.contains("don't transfer directly"), "{pm}");
    let mlops = reply("/skills mlops");
    assert!(!mlops.contains("MLOps Engineers build"), "{mlops}");
}

#[test]
fn algos_are_algorithms() {
    assert_eq!(
        best_id("what ml algos should i know"),
        "how-to-become-an-ai-ml-engineer/essential-skills/ml-fundamentals"
    );
}

#[test]
fn a_role_named_as_a_skill_of_another_role_is_that_group_of_skills() {
    let mlops = "how-to-become-an-ai-ml-engineer/essential-skills/mlops";
    assert_eq!(best_id("as a regular ml engineer how much deployment/mlops stuff do i need to know"), mlops);
    assert_eq!(best_id("what deployment / mlops stuff should an ml engineer know"), mlops);
    // Titled "MLOps", the group is still the ML engineer's own, no other role's.
    assert_eq!(best_id("is model retraining part of an ml engineer's job"), mlops);
    // Named as a job, it is the role.
    assert_ne!(best_id("what skills do mlops engineers need compared to ml engineers"), mlops);
}

#[test]
fn a_figure_the_asker_quotes_is_no_topic_the_guide_lacks() {
    // Nor a topic beyond the role: the role's own pay, not the prose that lists every role's.
    assert_titles(&[
        ("you say data scientists make 100k to 250k, what decides where you land", "Data Scientist: salary"),
        ("you say mlops engineers earn 110k-270k, is that base or total comp", "MLOps Engineer: salary"),
    ]);
    assert_eq!(
        best_id("springboard ml is 17k?? seriously"),
        "how-to-become-an-ai-ml-engineer/education-requirements/ml-bootcamps"
    );
    assert_eq!(
        best_id("sure, 500k salaries in ai. for who exactly?"),
        "how-to-become-an-ai-ml-engineer/salary-range/ai-research-scientist"
    );
    // A sum of money quoted asks about pay, though no word for pay does, as the guide writes it
    // or not.
    for quoted in [
        "heard new grad ml engineers start at 150k, is that right?",
        "heard new grad ml engineers start at $150,000, is that right?",
    ] {
        assert_eq!(
            best_id(quoted),
            "how-to-become-an-ai-ml-engineer/salary-range/junior-ml-engineer",
            "{quoted}"
        );
    }
    // A subject the guide lacks still declines, figures or not.
    assert!(!engine().answer("how much does a dentist earn in 2026").answered);
}

#[test]
fn jobs_a_degree_opens_up_are_those_it_qualifies_you_for() {
    let masters = "ai-career-paths-2026/frequently-asked-questions/what-jobs-can-i-get-with-a-master-s-in-ai";
    for asked in [
        "just got admitted to an MS in AI!! which jobs does that open up for me",
        "parent here 👋 my daughter is doing a master's in AI. what kinds of jobs does that lead to, and what do they pay?",
    ] {
        assert_eq!(best_id(asked), masters, "{asked}");
    }
    // Getting admitted is still no subject of the guide.
    assert!(!engine().answer("how do i get admitted to stanford's ms in ai").answered);
}

#[test]
fn an_everyday_word_is_never_a_typo_of_a_guide_word() {
    // "cost" is no misspelling of "most": the bootcamps passage, which gives prices, answers.
    assert_eq!(
        best_id("how much does a bootcamp cost"),
        "how-to-become-an-ai-ml-engineer/education-requirements/ml-bootcamps"
    );
    // Nor is "dead" (of "a dead end") "lead".
    assert_eq!(
        best_id(
            "I've been a data analyst for a year at an insurance company. Is that a normal first step toward becoming an ML engineer, or a dead end?"
        ),
        "how-to-become-an-ai-ml-engineer/career-progression/1-data-analyst-scientist-0-2-years"
    );
    // Nor is a month "tune" (of fine-tune).
    assert_eq!(
        best_id(
            "finishing my MSc in artificial intelligence in june, what job titles can i realistically apply for"
        ),
        "ai-career-paths-2026/frequently-asked-questions/what-jobs-can-i-get-with-a-master-s-in-ai"
    );
    // A real typo of a topic word is still corrected.
    assert_eq!(best_id("mlops salray"), "ai-career-paths-2026/mlops-engineer");
    // A job title's head is no everyday word, though "manage" is one.
    assert_eq!(best_id("what does an ai product manger do"), "ai-career-paths-2026/ai-product-manager");
}

#[test]
fn a_greeting_gets_the_welcome_and_a_greeting_with_a_question_gets_the_answer() {
    let welcome = engine().answer("/start").title;
    // Asking what the bot does is a greeting too.
    for text in ["hi", "Hello there!", "thanks a lot", "what can u help me with?"] {
        assert_eq!(engine().answer(text).title, welcome, "{text}");
    }
    assert_eq!(engine().answer("hi, what does an mlops engineer earn").title, "MLOps Engineer: salary");
    // Greetings and fillers of other languages too.
    assert_eq!(engine().answer("bonjour!").title, welcome);
    assert_eq!(
        best_id("salam, inshallah i start ml this year, yaani what math topics exactly do i need?"),
        "how-to-become-an-ai-ml-engineer/essential-skills/mathematics"
    );
}

#[test]
fn a_question_about_nothing_but_the_field_is_too_vague_to_answer() {
    let vague = ["what's the difference between ai and ml", "tell me about machine learning", "what is AI?"];
    // Nor is a word for any job alone, or the guide's year.
    for text in
        vague.into_iter().chain(["what is that role called?", "which job should i pick", "ai in 2026?"])
    {
        let answer = engine().answer(text);
        assert!(!answer.answered, "{text} was answered with {:?}", answer.used.first());
    }
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

#[test]
fn dictated_and_spelt_out_names_are_the_guides_words() {
    // "m l" is how dictation writes "ML", in a role's name too.
    assert_titles(&[
        ("m l ops career path after senior what comes next", "MLOps Engineer: Career Progression"),
        (
            "whats the ladder for an m l engineer from junior all the way up to director",
            "Machine Learning Engineer: Career Progression",
        ),
    ]);
    for (question, id) in [
        (
            "do i need sequel for ml jobs",
            "ai-career-paths-2026/frequently-asked-questions/what-programming-languages-do-ai-engineers-use",
        ),
        (
            "tell me how to self teach AI, step by step",
            "how-to-become-an-ai-ml-engineer/education-requirements/self-taught-path",
        ),
    ] {
        assert_eq!(best_id(question), id, "{question}");
    }
}

#[test]
fn excel_is_not_excellent_to_the_search() {
    // The PhD answer's "excellent return on investment" is no match for the spreadsheet.
    assert_eq!(
        best_id("my dad thinks a data scientist is just an excel guy. what do they actually do?"),
        "ai-career-paths-2026/data-scientist"
    );
}

#[test]
fn one_employers_pay_is_declined_but_pay_at_a_kind_of_employer_is_the_roles() {
    for text in ["how much does Databricks pay its ML engineers?", "what does Netflix pay an MLOps engineer"]
    {
        assert!(!engine().answer(text).answered, "{text}: {}", reply(text));
    }
    // An employer as an example of a kind: the role's pay ("$150k–$400k+ total comp at top labs").
    for text in ["research scientist pay at labs like DeepMind?", "research scientist tc at openai-type labs"]
    {
        assert_eq!(engine().answer(text).title, "AI Research Scientist: salary", "{text}");
    }
}

#[test]
fn a_word_the_guide_has_only_in_the_plural_is_no_typo() {
    // "offer" is no misspelling of the guide's "offers", so "make me an offer" asks no pay.
    assert_eq!(
        best_id("if i finish a masters in ai will microsoft make me an offer?"),
        "ai-career-paths-2026/frequently-asked-questions/what-jobs-can-i-get-with-a-master-s-in-ai"
    );
}

#[test]
fn a_roles_ladder_asked_in_other_words_and_a_plus_that_joins_two_things_asked() {
    assert_titles(&[
        ("data scientist titles from bottom to top?", "Data Scientist: Career Progression"),
        ("mlops engineer: where does it end?", "MLOps Engineer: Career Progression"),
        // "plus" joins what is asked; it is no subject a passage must hold ("… bootcamps (6–12
        // months) plus self-study" in the FAQ on how long it takes).
        (
            "do data scientists need a masters or can a bachelors plus a few projects do",
            "Data Scientist: Education",
        ),
    ]);
}

#[test]
fn the_basics_of_ml_are_its_fundamentals_and_a_school_grade_is_no_typo() {
    // "grade" is no misspelt "grad", nor "core" a misspelt "code".
    for question in [
        "in 9th grade, whats the basic ml stuff to learn first, the core topics",
        "whats the basic ml stuff to learn first",
    ] {
        assert_eq!(
            best_id(question),
            "how-to-become-an-ai-ml-engineer/essential-skills/ml-fundamentals",
            "{question}"
        );
    }
}

#[test]
fn whether_something_is_needed_is_answered_by_the_common_question_that_asks_it() {
    let phd = "ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai";
    for question in
        ["most ml jobs don't require a phd, right?", "is a master's enough or should i plan on a phd later"]
    {
        assert_eq!(best_id(question), phd, "{question}");
    }
    // Asked of no need, the path that states it answers.
    assert_eq!(
        best_id("how many years does a phd in ml take"),
        "how-to-become-an-ai-ml-engineer/education-requirements/master-s-phd-in-cs-ml-or-statistics"
    );
}

#[test]
fn the_next_step_after_a_step_of_the_ladder_found_is_the_one_after_it() {
    assert_eq!(
        best_id("i work as a data analyst. what's the next step toward ml?"),
        "how-to-become-an-ai-ml-engineer/career-progression/2-junior-ml-engineer-1-3-years"
    );
    // "after" a number of years tells a time, not what comes next.
    assert_titles(&[
        ("after 8+ years as an mle what do people work on", "5. Staff/Research Scientist (8+ years)"),
        ("what comes after senior ml engineer", "5. Staff/Research Scientist (8+ years)"),
    ]);
    // Without a word for what comes next, the step itself.
    assert_eq!(
        best_id("i'm a data analyst, what do i do all day"),
        "how-to-become-an-ai-ml-engineer/career-progression/1-data-analyst-scientist-0-2-years"
    );
}

#[test]
fn what_people_code_in_asks_for_programming_languages() {
    for question in ["apart from python, what do nlp teams program in?", "what do ai engineers code in"] {
        assert_eq!(
            best_id(question),
            "ai-career-paths-2026/frequently-asked-questions/what-programming-languages-do-ai-engineers-use",
            "{question}"
        );
    }
}

#[test]
fn text_speak_and_everyday_words_the_guide_lacks_are_no_topic() {
    assert_titles(&[
        ("hw much ml engineers earn", "Machine Learning Engineer: salary"),
        ("hw much r machine learning engineers paid", "Machine Learning Engineer: salary"),
        ("bachelors in cs from years ago, can i self study the rest", "Bachelor's in CS + Self-Study"),
        (
            "which specialization would you advise if i want the best shot at a job",
            "Which AI specialization has the best job prospects?",
        ),
    ]);
}

#[test]
fn short_and_loose_words_for_the_guides_subjects() {
    assert_titles(&[
        ("what dl topics matter for an ml engineer", "Deep Learning"),
        ("neural net basics for ml", "ML Fundamentals"),
        ("how long is a grad degree in ml", "Master's/PhD in CS, ML, or Statistics"),
        ("why is everyone flocking to ai", "Why AI/ML Engineering"),
        ("convince me to go into ml engineering", "Why AI/ML Engineering"),
        ("give me a brief overview of becoming an ml engineer", "Quick Answer"),
    ]);
}

#[test]
fn a_role_described_by_its_work_is_found_when_the_question_asks_for_the_job() {
    // "production" is no "product" (of product manager), and asking for the job makes it a
    // career question, though it names no role.
    for question in [
        "what job keeps trained models running in production",
        "what role takes models to production and monitors them",
    ] {
        assert_eq!(engine().answer(question).title, "MLOps Engineer", "{question}");
    }
}
